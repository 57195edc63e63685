"""The actions app's models, by subject; every name is importable from here."""

from freethem.actions.models.centre import Action, NewsPick
from freethem.actions.models.mailings import Delivery, Mailing, Unsubscribe
from freethem.actions.models.support import Drive, Expense, Gift, PaymentEvent, Volunteer
from freethem.actions.models.updates import Follow, Update, UpdateMedia
from freethem.actions.models.urgent import (
    ModelLetter,
    Official,
    Representative,
    RepresentativeMessage,
    UrgentAction,
)

__all__ = [
    "Action",
    "Delivery",
    "Drive",
    "Expense",
    "Follow",
    "Gift",
    "Mailing",
    "ModelLetter",
    "NewsPick",
    "Official",
    "PaymentEvent",
    "Representative",
    "RepresentativeMessage",
    "Unsubscribe",
    "Update",
    "UpdateMedia",
    "UrgentAction",
    "Volunteer",
]
