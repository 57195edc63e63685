"""The fixed vocabularies of the case database. Staff-editable ones (categories, charges,
prisons, courts, judges) are models instead."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    ALBORZ = "alborz", _("Alborz")
    ARDABIL = "ardabil", _("Ardabil")
    BUSHEHR = "bushehr", _("Bushehr")
    CHAHARMAHAL = "chaharmahal-bakhtiari", _("Chaharmahal and Bakhtiari")
    EAST_AZERBAIJAN = "east-azerbaijan", _("East Azerbaijan")
    FARS = "fars", _("Fars")
    GILAN = "gilan", _("Gilan")
    GOLESTAN = "golestan", _("Golestan")
    HAMADAN = "hamadan", _("Hamadan")
    HORMOZGAN = "hormozgan", _("Hormozgan")
    ILAM = "ilam", _("Ilam")
    ISFAHAN = "isfahan", _("Isfahan")
    KERMAN = "kerman", _("Kerman")
    KERMANSHAH = "kermanshah", _("Kermanshah")
    KHUZESTAN = "khuzestan", _("Khuzestan")
    KOHGILUYEH = "kohgiluyeh-boyer-ahmad", _("Kohgiluyeh and Boyer-Ahmad")
    KURDISTAN = "kurdistan", _("Kurdistan")
    LORESTAN = "lorestan", _("Lorestan")
    MARKAZI = "markazi", _("Markazi")
    MAZANDARAN = "mazandaran", _("Mazandaran")
    NORTH_KHORASAN = "north-khorasan", _("North Khorasan")
    QAZVIN = "qazvin", _("Qazvin")
    QOM = "qom", _("Qom")
    RAZAVI_KHORASAN = "razavi-khorasan", _("Razavi Khorasan")
    SEMNAN = "semnan", _("Semnan")
    SISTAN_BALUCHESTAN = "sistan-baluchestan", _("Sistan and Baluchestan")
    SOUTH_KHORASAN = "south-khorasan", _("South Khorasan")
    TEHRAN = "tehran", _("Tehran")
    WEST_AZERBAIJAN = "west-azerbaijan", _("West Azerbaijan")
    YAZD = "yazd", _("Yazd")
    ZANJAN = "zanjan", _("Zanjan")


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("unknown")


class Ethnicity(models.TextChoices):
    UNKNOWN = "", _("not recorded")
    ARAB = "arab", _("Arab")
    ARMENIAN = "armenian", _("Armenian")
    ASSYRIAN = "assyrian", _("Assyrian")
    AZERBAIJANI = "azerbaijani", _("Azerbaijani")
    BALUCH = "baluch", _("Baluch")
    GILAK = "gilak", _("Gilak")
    KURDISH = "kurdish", _("Kurdish")
    LUR = "lur", _("Lur")
    MAZANDARANI = "mazandarani", _("Mazandarani")
    PERSIAN = "persian", _("Persian")
    TURKMEN = "turkmen", _("Turkmen")
    OTHER = "other", _("other")


class Religion(models.TextChoices):
    UNKNOWN = "", _("not recorded")
    BAHAI = "bahai", _("Baháʼí")
    CHRISTIAN = "christian", _("Christian")
    GONABADI = "gonabadi", _("Gonabadi Dervish")
    JEWISH = "jewish", _("Jewish")
    SHIA = "shia", _("Shia Muslim")
    SUNNI = "sunni", _("Sunni Muslim")
    YARSAN = "yarsan", _("Yarsan")
    ZOROASTRIAN = "zoroastrian", _("Zoroastrian")
    NONE = "none", _("no religion")
    OTHER = "other", _("other")


class CustodyStatus(models.TextChoices):
    PRE_TRIAL = "pre-trial", _("in pre-trial detention")
    SERVING = "serving", _("serving a sentence")
    DEATH_ROW = "death-row", _("on death row")
    FURLOUGH = "furlough", _("on furlough or medical leave")
    BAIL = "bail", _("released on bail")
    RELEASED = "released", _("released")
    EXILE = "exile", _("in exile")
    DISAPPEARED = "disappeared", _("disappeared")
    DIED_IN_CUSTODY = "died-in-custody", _("died in custody")
    EXECUTED = "executed", _("executed")
    UNKNOWN = "unknown", _("unknown")

    @classmethod
    def held(cls) -> list[str]:
        """Statuses in which the person is behind bars, so days held keep counting."""
        return [cls.PRE_TRIAL, cls.SERVING, cls.DEATH_ROW, cls.DISAPPEARED]


class Verification(models.TextChoices):
    UNVERIFIED = "unverified", _("unverified")
    VERIFIED = "verified", _("verified")
    DISPUTED = "disputed", _("disputed")


class Publication(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    PUBLISHED = "published", _("published")


class PhotoVisibility(models.TextChoices):
    PUBLIC = "public", _("public")
    STAFF = "staff", _("staff only")


class NameKind(models.TextChoices):
    VARIANT = "variant", _("other spelling")
    ALIAS = "alias", _("alias or nickname")
    BIRTH = "birth", _("name at birth")


class ArrestingBody(models.TextChoices):
    UNKNOWN = "", _("unknown")
    INTELLIGENCE_MINISTRY = "mois", _("Ministry of Intelligence")
    IRGC_INTELLIGENCE = "irgc", _("IRGC Intelligence Organisation")
    POLICE = "police", _("police (FARAJA)")
    PROSECUTOR = "prosecutor", _("prosecutor's office")
    SECURITY_FORCES = "security", _("other security forces")
    OTHER = "other", _("other")


class LawyerAccess(models.TextChoices):
    UNKNOWN = "", _("unknown")
    NONE = "none", _("no lawyer")
    DENIED = "denied", _("lawyer denied")
    APPROVED_LIST = "approved-list", _("only a court-approved lawyer")
    RESTRICTED = "restricted", _("lawyer with restricted access")
    OWN_CHOICE = "own-choice", _("lawyer of own choice")


class AppealOutcome(models.TextChoices):
    UNKNOWN = "", _("unknown")
    NONE = "none", _("no appeal")
    PENDING = "pending", _("pending")
    UPHELD = "upheld", _("sentence upheld")
    REDUCED = "reduced", _("sentence reduced")
    INCREASED = "increased", _("sentence increased")
    OVERTURNED = "overturned", _("sentence overturned")


class SentenceKind(models.TextChoices):
    PRISON = "prison", _("prison term")
    LASHES = "lashes", _("lashes")
    FINE = "fine", _("fine")
    EXILE = "exile", _("internal exile")
    TRAVEL_BAN = "travel-ban", _("travel ban")
    WORK_BAN = "work-ban", _("ban on work or activity")
    DEATH = "death", _("death sentence")
    OTHER = "other", _("other")

    @classmethod
    def in_months(cls) -> list[str]:
        return [cls.PRISON, cls.EXILE, cls.TRAVEL_BAN, cls.WORK_BAN]


class EventKind(models.TextChoices):
    ARREST = "arrest", _("arrest")
    INTERROGATION = "interrogation", _("interrogation")
    SOLITARY = "solitary", _("solitary confinement")
    TORTURE = "torture", _("torture or ill-treatment")
    TRANSFER = "transfer", _("transfer")
    HUNGER_STRIKE = "hunger-strike", _("hunger strike")
    MEDICAL_DENIAL = "medical-denial", _("denial of medical care")
    FORCED_CONFESSION = "forced-confession", _("forced confession")
    TRIAL = "trial", _("trial")
    SENTENCE = "sentence", _("sentence")
    APPEAL = "appeal", _("appeal")
    FURLOUGH = "furlough", _("furlough")
    RELEASE = "release", _("release")
    REARREST = "rearrest", _("re-arrest")
    LETTER = "letter", _("letter from prison")
    # A source's dated word on where someone stands (held, on leave, released), when it
    # records no event of its own: the date the custody status was last known.
    STATUS = "status", _("status reported")
    DEATH = "death", _("death")
    EXECUTION = "execution", _("execution")
    OTHER = "other", _("other")


class SourceKind(models.TextChoices):
    NEWS = "news", _("news report")
    NGO = "ngo", _("human rights organisation")
    FAMILY = "family", _("family")
    LAWYER = "lawyer", _("lawyer")
    COURT = "court", _("court document")
    OFFICIAL = "official", _("official statement or state media")
    PRISONER = "prisoner", _("the prisoner's own words")
    SOCIAL = "social", _("social media")
    OTHER = "other", _("other")


class Reliability(models.TextChoices):
    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low")
    UNKNOWN = "unknown", _("not assessed")
