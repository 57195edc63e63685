"""{% demo_loaded as shown %}: whether to show the demo banner (freethem.core.demodata)."""

from django import template

from freethem.core.demodata import demo_loaded as site_holds_demo_data

register = template.Library()


@register.simple_tag
def demo_loaded() -> bool:
    return site_holds_demo_data()
