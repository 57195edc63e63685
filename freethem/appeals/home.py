"""The appeal a visitor should sign now: the front page and the action centre link to it."""

from freethem.appeals.models import Appeal, AppealState


def appeal_to_sign_now() -> Appeal | None:
    """The appeal a visitor should sign: the featured one if it is open, else the only open
    appeal; None when none is open, or several are and none is featured."""
    open_now = [
        appeal
        for appeal in Appeal.objects.public().filter(state=AppealState.OPEN)
        if appeal.is_open  # the open and close dates too
    ]
    featured = [appeal for appeal in open_now if appeal.featured]
    if featured:
        return featured[0]
    return open_now[0] if len(open_now) == 1 else None
