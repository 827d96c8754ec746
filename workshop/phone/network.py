"""The room's network: an address phones can reach, and a Wi-Fi QR code for a laptop hotspot."""

from __future__ import annotations

import ipaddress
import socket

HOTSPOT_ADVICE = (
    "Er is geen netwerk gevonden waarop telefoons deze laptop kunnen bereiken. "
    "Zet op de laptop een hotspot aan en laat de telefoons daarmee verbinden "
    "(zie docs/meedoen.md). Typen op de laptop kan altijd."
)


def lan_address() -> str | None:
    """This computer's address on the local network, or None when there is none usable.

    Asks the system which address it would send from (no packet is sent: UDP connect only
    chooses a route), and accepts only a private address (10.x, 172.16-31.x, 192.168.x)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return address if usable(address) else None


def usable(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.version == 4 and ip.is_private and not ip.is_loopback and not ip.is_link_local


def wifi_payload(name: str, password: str) -> str:
    """The text of a Wi-Fi QR code (WPA): phones join the network by scanning it."""

    def quote(value: str) -> str:
        for char in '\\;,:"':
            value = value.replace(char, "\\" + char)
        return value

    return f"WIFI:T:WPA;S:{quote(name)};P:{quote(password)};;"


def qr_matrix(payload: str) -> list[list[bool]]:
    """A QR code of ``payload`` as rows of modules (True: dark), with a quiet zone of 4."""
    import segno  # loaded when a code is first shown

    code = segno.make(payload, error="m")
    return [[bool(m) for m in row] for row in code.matrix_iter(border=4)]
