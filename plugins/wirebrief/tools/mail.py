"""`wirebrief edition`: find a day's built edition (site/edition.py wrote it into output/edition/)
and hand it to the SMTP server the settings name, as one multipart/alternative message: the
plain text first, the HTML second (mail clients show the last part they can render)."""

from __future__ import annotations

import html
import os
import re
import smtplib
import socket
import ssl
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from ..files import printable, shown
from ..settings import WirebriefSettings
from ..site.edition import EDITION_URL

PASSWORD_VARIABLE = "WIREBRIEF_SMTP_PASSWORD"   # never in a settings file
TIMEOUT = 30
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


class EditionError(Exception):
    """What stops `wirebrief edition`, as the one line it prints."""


def find(output: Path, day: date | None) -> tuple[Path, Path]:
    """The HTML and text files of the day's edition (the latest day's without `day`)."""
    folder = (output / EDITION_URL.format(date=date.min)).parent
    built = sorted(p for p in folder.glob("*.html") if (p.with_suffix(".txt")).is_file()) if folder.is_dir() else []
    if not built:
        raise EditionError(f"no edition built in {shown(folder)}/: run `make html` first")
    if day is None:
        page = built[-1]
    else:
        page = output / f"{EDITION_URL.format(date=day)}.html"
        if page not in built:
            raise EditionError(f"no edition for {day.isoformat()} in {shown(folder)}/ (there is one for each day "
                               f"with briefings, {built[0].stem} to {built[-1].stem})")
    return page, page.with_suffix(".txt")


def message(page: Path, text: Path, sender: str, recipients: list[str]) -> EmailMessage:
    """The edition as an email: Subject from the page's <title>, text and HTML alternatives."""
    body = page.read_text(encoding="utf-8")
    title = TITLE.search(body)
    msg = EmailMessage()
    msg["Subject"] = html.unescape(title.group(1)).strip() if title else f"Briefings of {page.stem}"
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or None)
    msg.set_content(text.read_text(encoding="utf-8"))
    msg.add_alternative(body, subtype="html")
    return msg


def send(msg: EmailMessage, cfg: WirebriefSettings) -> None:
    """Hand the message to the settings' SMTP server; any refusal is one EditionError line."""
    where = f"{cfg.smtp_host}:{cfg.smtp_port}"
    try:
        with smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=TIMEOUT) as smtp:
            if cfg.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if cfg.smtp_user:
                smtp.login(cfg.smtp_user, os.environ.get(PASSWORD_VARIABLE, ""))
            refused = smtp.send_message(msg)
    except smtplib.SMTPRecipientsRefused as e:
        raise EditionError(f"SMTP server {where} refused every recipient: {_refusals(e.recipients)}") from e
    except smtplib.SMTPResponseException as e:
        raise EditionError(f"SMTP server {where} refused the edition: {e.smtp_code} {_text(e.smtp_error)}") from e
    except (smtplib.SMTPException, OSError, socket.timeout) as e:
        raise EditionError(f"SMTP server {where} could not be reached: {e}") from e
    if refused:
        raise EditionError(f"SMTP server {where} refused some recipients: {_refusals(refused)}")


def _text(reply: bytes | str) -> str:
    return printable(reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply)


def _refusals(refused: dict) -> str:
    return "; ".join(f"{printable(who)} ({code} {_text(why)})" for who, (code, why) in refused.items())


def send_edition(cfg: WirebriefSettings, output: Path, day: date | None, to: list[str] | None = None) -> tuple[Path, list[str]]:
    """Send the day's edition to `to` (default WIREBRIEF_EDITION_TO); the page sent and to whom."""
    recipients = list(to or cfg.edition_to)
    if not cfg.edition_from:
        raise EditionError("WIREBRIEF_EDITION_FROM is not set: the edition needs a From address (pelicanconf.py)")
    if not recipients or not all(isinstance(r, str) and "@" in r for r in recipients):
        raise EditionError(f"WIREBRIEF_EDITION_TO must list the addresses to send to, not {recipients!r}")
    page, text = find(output, day)
    send(message(page, text, cfg.edition_from, recipients), cfg)
    return page, recipients
