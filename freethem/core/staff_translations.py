"""Strings of Django's admin and auth that Django's own Persian catalogue lacks (they are new in
Django 5.x) and that staff meet: listed here so that `make messages` collects them into
freethem's catalogue, which Django reads before its own (LOCALE_PATHS). Nothing imports this
module; its strings are translated where Django uses them.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_STRINGS = (
    # Every list and page of the staff area (screen readers read them).
    gettext_noop("Breadcrumbs"),
    gettext_noop("Model name"),
    gettext_noop("Select this object for an action - {}"),
    # A staff user's page and password forms.
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On "
        "or LDAP."
    ),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("salt"),
    gettext_noop("hash"),
    gettext_noop(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and "
        "uppercase A-Z letters, numbers, and @/./+/-/_ characters."
    ),
)
DJANGO_PLURALS = (
    ngettext_lazy("Please correct the error below.", "Please correct the errors below."),
    ngettext_lazy("entry", "entries"),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
)
