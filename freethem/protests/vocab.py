"""The protest tracker's vocabularies: ACLED's event types and precisions, Iran's provinces by
their ISO 3166-2 codes, the Crowd Counting Consortium's participant groups and the record's
states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    """Iran's 31 provinces by ISO 3166-2:IR code (the 2020 edition)."""

    MARKAZI = "IR-00", _("Markazi")
    GILAN = "IR-01", _("Gilan")
    MAZANDARAN = "IR-02", _("Mazandaran")
    EAST_AZERBAIJAN = "IR-03", _("East Azerbaijan")
    WEST_AZERBAIJAN = "IR-04", _("West Azerbaijan")
    KERMANSHAH = "IR-05", _("Kermanshah")
    KHUZESTAN = "IR-06", _("Khuzestan")
    FARS = "IR-07", _("Fars")
    KERMAN = "IR-08", _("Kerman")
    RAZAVI_KHORASAN = "IR-09", _("Razavi Khorasan")
    ISFAHAN = "IR-10", _("Isfahan")
    SISTAN_BALUCHESTAN = "IR-11", _("Sistan and Baluchestan")
    KURDISTAN = "IR-12", _("Kurdistan")
    HAMADAN = "IR-13", _("Hamadan")
    CHAHARMAHAL = "IR-14", _("Chaharmahal and Bakhtiari")
    LORESTAN = "IR-15", _("Lorestan")
    ILAM = "IR-16", _("Ilam")
    KOHGILUYEH = "IR-17", _("Kohgiluyeh and Boyer-Ahmad")
    BUSHEHR = "IR-18", _("Bushehr")
    ZANJAN = "IR-19", _("Zanjan")
    SEMNAN = "IR-20", _("Semnan")
    YAZD = "IR-21", _("Yazd")
    HORMOZGAN = "IR-22", _("Hormozgan")
    TEHRAN = "IR-23", _("Tehran")
    ARDABIL = "IR-24", _("Ardabil")
    QOM = "IR-25", _("Qom")
    QAZVIN = "IR-26", _("Qazvin")
    GOLESTAN = "IR-27", _("Golestan")
    NORTH_KHORASAN = "IR-28", _("North Khorasan")
    SOUTH_KHORASAN = "IR-29", _("South Khorasan")
    ALBORZ = "IR-30", _("Alborz")


class TimePrecision(models.IntegerChoices):
    """ACLED's time_precision: how closely the source dates the event."""

    DAY = 1, _("the day is known")
    WEEK = 2, _("the week is known")
    MONTH = 3, _("the month is known")


class GeoPrecision(models.IntegerChoices):
    """ACLED's geo_precision: how closely the source places the event."""

    TOWN = 1, _("the town or a part of it")
    NEAR = 2, _("near a town, or a part of a region")
    REGION = 3, _("a region or province only")


class EventType(models.TextChoices):
    """ACLED's event types of the demonstrations disorder type."""

    PROTESTS = "Protests", _("Protests")
    RIOTS = "Riots", _("Riots")


class SubEventType(models.TextChoices):
    """ACLED's sub-event types of protests and riots; each belongs to one event type
    (SUB_EVENT_TYPES)."""

    PEACEFUL = "Peaceful protest", _("Peaceful protest")
    INTERVENTION = "Protest with intervention", _("Protest with intervention")
    EXCESSIVE_FORCE = (
        "Excessive force against protesters",
        _("Excessive force against protesters"),
    )
    VIOLENT = "Violent demonstration", _("Violent demonstration")
    MOB = "Mob violence", _("Mob violence")


SUB_EVENT_TYPES = {
    EventType.PROTESTS: (
        SubEventType.PEACEFUL,
        SubEventType.INTERVENTION,
        SubEventType.EXCESSIVE_FORCE,
    ),
    EventType.RIOTS: (SubEventType.VIOLENT, SubEventType.MOB),
}


class State(models.TextChoices):
    """Only published records are public (Protest.objects.published())."""

    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class ReportState(models.TextChoices):
    """A report from the public, until staff decide on it."""

    NEW = "new", _("new")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class ActorType(models.TextChoices):
    """ACLED's inter1/inter2: the type of an actor, as ACLED's exports write it today (text;
    the numeric codes 1-8 of older files and of the API's inter_num=1 are read as these)."""

    STATE_FORCES = "State forces", _("State forces")
    REBEL_GROUP = "Rebel group", _("Rebel group")
    POLITICAL_MILITIA = "Political militia", _("Political militia")
    IDENTITY_MILITIA = "Identity militia", _("Identity militia")
    RIOTERS = "Rioters", _("Rioters")
    PROTESTERS = "Protesters", _("Protesters")
    CIVILIANS = "Civilians", _("Civilians")
    EXTERNAL = "External/Other forces", _("External/Other forces")
