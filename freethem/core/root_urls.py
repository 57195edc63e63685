"""Files every site has at its root, in no language: what crawlers and browsers ask for
without following a link (/robots.txt, /favicon.ico), the sitemap, and the pictures that
link previews and tabs show."""

from django.urls import path

from freethem.core import views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap_xml"),
    path("favicon.ico", views.favicon_ico, name="favicon_ico"),
    path("favicon.svg", views.favicon_svg, name="favicon_svg"),
    path("share.png", views.share_image, name="share_image"),
]
