from freethem.events.views.rsvp import rsvp, rsvp_cancel, rsvp_manage, rsvp_sent

__all__ = ["rsvp", "rsvp_cancel", "rsvp_manage", "rsvp_sent"]
