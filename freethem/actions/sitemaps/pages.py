"""The action centre, the representatives' page and the volunteers' sign-up in /sitemap.xml."""

from freethem.core.sitemaps import PageSitemap


class ActionPages(PageSitemap):
    url_names = ("actions:centre", "representatives:index", "volunteer:signup")
