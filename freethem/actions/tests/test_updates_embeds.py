"""Which players an update's page may load when asked, built from a checked id only."""

import pytest

from freethem.actions.embeds import embed_url, host_name


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://soundcloud.com/artist/track",
            "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fartist%2Ftrack",
        ),
        ('https://www.youtube.com/watch?v=bad"><script>', ""),
        ("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", ""),
        ("javascript:alert(1)", ""),
        ("https://vimeo.com/channels/staff", ""),
        ("https://example.org/video.mp4", ""),
        ("http://[::1", ""),
    ],
)
def test_it_builds_only_known_players(url: str, embed: str) -> None:
    assert embed_url(url) == embed


def test_it_names_the_host_as_a_visitor_knows_it() -> None:
    assert host_name("https://www.youtube.com/watch?v=x") == "youtube.com"
    assert host_name("https://radio.example.net/a.mp3") == "radio.example.net"
    assert host_name("http://[::1") == ""
