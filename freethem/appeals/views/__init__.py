"""The appeal's public views, one module per subject; urls.py names them from here.

- pages: the appeal and its sign form, the index, the count, the history, the ad;
- signing: the sign endpoint and the signer's secret links (confirm, personal page);
- circulation: the signer's share links, the badge and the counter page other sites frame;
- listing: the public list of signatures and the numbers.
"""

from freethem.appeals.views.circulation import badge, counter
from freethem.appeals.views.listing import numbers, signatures
from freethem.appeals.views.pages import (
    ad,
    challenge,
    count_json,
    detail,
    featured,
    history_csv,
    index,
)
from freethem.appeals.views.signing import confirm, my_data, personal, sent, sign, withdraw

__all__ = [
    "ad", "badge", "challenge", "confirm", "count_json", "counter", "detail", "featured",
    "history_csv", "index", "my_data", "numbers", "personal", "sent", "sign", "signatures",
    "withdraw",
]  # fmt: skip
