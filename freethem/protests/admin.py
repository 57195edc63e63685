"""Placeholder for the merge: the records helper's ProtestAdmin takes AcledExchangeAdmin as a
base class (admin_exchange)."""

from django.contrib import admin

from freethem.protests.admin_exchange import AcledExchangeAdmin
from freethem.protests.models import Protest


@admin.register(Protest)
class ProtestAdmin(AcledExchangeAdmin):
    list_display = ["event_id", "date", "location", "state"]
    list_filter = ["state"]
