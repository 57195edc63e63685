from freethem.core.testing.pages import (
    is_download,
    public_downloads,
    public_names,
    public_paths,
    site_files,
)


def test_it_lists_the_public_pages_in_both_languages() -> None:
    paths = public_paths()
    assert {"/", "/privacy/", "/fa/", "/fa/privacy/"} <= set(paths)
    assert len(paths) == len(set(paths))


def test_it_leaves_out_staff_pages_and_the_health_check() -> None:
    paths = public_paths()
    assert not [path for path in paths if "staff" in path or "healthz" in path]


def test_it_names_pages_with_their_namespace() -> None:
    assert {"core:home", "core:privacy"} <= set(public_names())


def test_it_tells_downloads_from_pages() -> None:
    assert is_download("/prisoners/export.csv") and is_download("/fa/prisoners/export.json")
    assert not is_download("/prisoners/") and not is_download("/fa/")
    assert set(public_downloads()).isdisjoint(public_paths())


def test_it_lists_the_files_at_the_root_among_the_downloads() -> None:
    files = site_files()
    assert {"/robots.txt", "/sitemap.xml", "/favicon.ico"} <= set(files)
    assert "/healthz" not in files
    assert not [path for path in files if path.startswith("/hooks/")]  # a processor's, POST only
    assert set(files) <= set(public_downloads())
