"""Campaign events in the staff area.

An event is edited on one page with its texts (one per language) and photos inline. Staff type
its start and end in the event's own time zone. The state moves only by the actions (publish,
cancel), which call freethem.events.services: a cancellation tells those who RSVPed. Each save
that changes what a calendar shows raises the event's SEQUENCE.

The events role sees and changes only the events it organises (Event.objects.managed_by); an
event such a member creates lists them as an organiser. Organisers of the campaign see every
event and choose each event's organisers.
"""

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, ForeignKey, ManyToManyField, Q, QuerySet
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.appeals.models import Appeal
from freethem.core.roles import EVENTS, ORGANISER, is_organiser
from freethem.core.staff import AutoDirection
from freethem.core.templatetags.freethem import num
from freethem.events.admin.rsvps import participants_url
from freethem.events.models import Event, EventPhoto, EventText
from freethem.events.services import (
    calendar_fingerprint,
    event_cancel,
    event_publish,
    event_revised,
    photo_clean,
)
from freethem.events.vocab import TEXT_LANGUAGES, RsvpState
from freethem.prisoners.models import Person

LOCAL_TIME_HELP = _("In the event's time zone.")
PUBLISHED_EVENTS = _("Published: %(events)s.")
CANCELLED_EVENTS = _("Cancelled: %(events)s. Those who RSVPed are told.")
NOT_MOVED = _("Not changed: %(events)s. %(reason)s")
ENDS_BEFORE_START = _("The event must end after it starts.")


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(available_timezones())]


class EventForm(ModelForm):
    """Start and end as the staff type them: wall-clock times in the event's time zone."""

    time_zone = forms.ChoiceField(
        label=_("time zone"),
        choices=time_zone_choices,
        initial="Europe/London",
        help_text=_("Where the event takes place; times are shown in it."),
    )
    language = forms.ChoiceField(
        label=_("main language"),
        choices=TEXT_LANGUAGES,
        initial="en",
        help_text=_("The language shown when the page's language has no text."),
    )
    online_url = forms.URLField(
        label=_("online link"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Event
        fields = (
            "slug", "kind", "language", "is_demo", "starts_at", "ends_at", "time_zone",
            "venue", "address", "city", "country", "online_url", "address_private",
            "capacity", "contact_name", "contact_email", "organisers", "prisoners", "appeal",
        )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            if name in self.fields:
                self.fields[name].help_text = LOCAL_TIME_HELP
                value = getattr(self.instance, name, None) if self.instance.pk else None
                if value is not None:
                    # Shown as the wall-clock time where the event is.
                    zone = ZoneInfo(self.instance.time_zone)
                    self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        zone_name = data.get("time_zone")
        if zone_name:
            zone = ZoneInfo(zone_name)
            for name in ("starts_at", "ends_at"):
                if value := data.get(name):
                    wall_clock = timezone.localtime(value).replace(tzinfo=None)
                    data[name] = timezone.make_aware(wall_clock, zone)
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end < start:
            self.add_error("ends_at", ENDS_BEFORE_START)
        return data


class EventPhotoForm(ModelForm):
    class Meta:
        model = EventPhoto
        fields = ("image", "alt", "caption", "order")

    def clean_image(self) -> object:
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):  # a new upload, not the photo kept
            return photo_clean(upload=image)
        return image


class EventTextInline(AutoDirection, admin.StackedInline):
    model = EventText
    fields = ("language", "title", "description", "report")
    min_num = 1
    verbose_name = _("text in one language")
    verbose_name_plural = _("texts (one per language)")

    def get_extra(self, request: HttpRequest, obj: Event | None = None, **kwargs: Any) -> int:
        # A new event: one form in English and one in Persian (min_num counts the first).
        return 1 if obj is None else 0


class EventPhotoInline(AutoDirection, admin.TabularInline):
    model = EventPhoto
    form = EventPhotoForm
    extra = 0
    verbose_name_plural = _("photos (stored without their metadata: place, camera, time)")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventForm
    inlines = (EventTextInline, EventPhotoInline)
    list_display = ("__str__", "kind", "local_start", "city", "state", "rsvps")
    list_filter = ("state", "kind")
    search_fields = ("slug", "texts__title", "city")
    readonly_fields = ("state", "sequence", "uid")
    filter_horizontal = ("organisers", "prisoners")
    actions = ("publish", "cancel")
    fieldsets = (
        (None, {"fields": ("slug", "kind", "language", "state", "is_demo")}),
        (_("When"), {"fields": ("starts_at", "ends_at", "time_zone")}),
        (
            _("Where"),
            {
                "fields": (
                    "venue",
                    "address",
                    ("city", "country"),
                    "online_url",
                    "address_private",
                )
            },
        ),
        (_("Places and contact"), {"fields": ("capacity", "contact_name", "contact_email")}),
        (_("Who organises it, and for whom"), {"fields": ("organisers", "prisoners", "appeal")}),
        (_("Calendar entry"), {"fields": ("uid", "sequence"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        going = Count("rsvps", filter=Q(rsvps__state=RsvpState.GOING))
        waiting = Count("rsvps", filter=Q(rsvps__state=RsvpState.WAITING))
        events = Event.objects.managed_by(request.user).prefetch_related("texts")
        return events.annotate(n_going=going, n_waiting=waiting)

    @admin.display(description=_("RSVPs"))
    def rsvps(self, event: Event) -> str:
        """Going, waiting, and the way to the participants' list."""
        return format_html(
            '<a href="{}">{}</a>',
            participants_url(event),
            gettext("%(going)s going, %(waiting)s waiting")
            % {"going": num(event.n_going), "waiting": num(event.n_waiting)},
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Event | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if not is_organiser(request.user):
            fields.append("organisers")
        return fields

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Event | None, inline: InlineModelAdmin, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        new = obj is None or obj.pk is None
        if new and isinstance(inline, EventTextInline) and request.method == "GET":
            kwargs["initial"] = [{"language": "en"}, {"language": "fa"}]
        return kwargs

    def formfield_for_manytomany(
        self, db_field: ManyToManyField, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField | None:
        if db_field.name == "prisoners":
            # Only people the public may see: a draft record is not the events role's to read.
            kwargs["queryset"] = Person.objects.published().order_by("name_latin")
        elif db_field.name == "organisers":  # staff who may manage events
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, groups__name__in=(EVENTS, ORGANISER))
                .distinct()
                .order_by("username")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.name == "appeal":
            kwargs["queryset"] = Appeal.objects.public()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("starts (local time)"), ordering="starts_at")
    def local_start(self, event: Event) -> str:
        start = event.starts_at.astimezone(ZoneInfo(event.time_zone))
        return f"{start:%Y-%m-%d %H:%M} {start.tzname()}"

    def save_model(self, request: HttpRequest, obj: Event, form: ModelForm, change: bool) -> None:
        # What the calendar entry showed, for save_related to compare once the texts are saved.
        form.calendar_before = calendar_fingerprint(obj) if change else None  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseFormSet], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        event = form.instance
        if not change and not is_organiser(request.user):
            event.organisers.add(request.user)
        if change:
            event_revised(event=event, before=form.calendar_before)  # type: ignore[attr-defined]

    @admin.action(description=_("Publish"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        self.move(request, queryset, event_publish, PUBLISHED_EVENTS)

    @admin.action(description=_("Cancel the event"), permissions=["change"])
    def cancel(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        self.move(request, queryset, event_cancel, CANCELLED_EVENTS)

    def move(
        self,
        request: HttpRequest,
        events: QuerySet[Event],
        service: Callable[..., Event],
        done: Promise,
    ) -> None:
        moved, refused = [], []
        for event in events:
            try:
                service(event=event)
            except ValidationError as error:
                refused.append((str(event), " ".join(error.messages)))
            else:
                moved.append(str(event))
        if moved:
            self.message_user(request, gettext(done) % {"events": ", ".join(moved)})
        for name, reason in refused:
            text = gettext(NOT_MOVED) % {"events": name, "reason": reason}
            self.message_user(request, text, messages.WARNING)
