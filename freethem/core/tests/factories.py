"""Staff users for tests, made through the same service the createstaff command uses."""

from django.contrib.auth.models import User
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from freethem.core.services import staff_create

PASSWORD = "correct horse battery staple"


def staff_user(
    *, username: str = "researcher1", role: str = "researcher", with_device: bool = True
) -> User:
    """A staff user; with a confirmed authenticator unless with_device is False."""
    return staff_create(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        role=role,
        with_device=with_device,
    )


def current_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return code_for(device)


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
