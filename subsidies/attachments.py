"""Attachments with a report: a PDF or an image, checked by what it is, not by its name."""

import logging
import os
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from initiatieven.content import CleanedPhoto, clean_photo

logger = logging.getLogger(__name__)

# A PDF is opened by pypdf; one with more pages than this is not a report's attachment.
MAX_PDF_PAGES = 200
PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


@dataclass(frozen=True)
class CheckedAttachment:
    content: ContentFile
    name: str
    content_type: str


def _not_usable() -> ValidationError:
    return ValidationError(
        _("We cannot use this file. Add a PDF or a photo (JPEG, PNG or WebP)."),
        code="not_usable",
    )


def _display_name(upload, extension: str) -> str:
    base = os.path.splitext(os.path.basename(getattr(upload, "name", "") or ""))[0]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '/\\"<>').strip()
    return f"{(base or _('attachment'))[:100]}.{extension}"


def _check_pdf(data: bytes) -> None:
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is locked with a password. Add a PDF without a password."),
                code="encrypted",
            )
        pages = len(reader.pages)
        if not 1 <= pages <= MAX_PDF_PAGES:
            raise ValidationError(
                _("A PDF can have at most %(max)s pages.") % {"max": MAX_PDF_PAGES},
                code="too_many_pages",
            )
        # Read the first page's content: a file that only looks like a PDF fails here.
        reader.pages[0].get_contents()
    except ValidationError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, OSError, RecursionError) as error:
        logger.info("Refused an attachment that pypdf cannot read: %s", error)
        raise _not_usable() from error


def check_attachment(upload) -> CheckedAttachment:
    """A PDF is kept as it is once pypdf reads it; a photo is decoded, scaled and stripped."""
    max_bytes = settings.MARKTPLEIN_MAX_ATTACHMENT_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("This file is too large. A file can be at most %(mb)s MB.")
            % {"mb": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(_("This file is too large."), code="too_large")
    if data.lstrip()[:5] == b"%PDF-":
        _check_pdf(data)
        return CheckedAttachment(
            content=ContentFile(data, name="attachment.pdf"),
            name=_display_name(upload, "pdf"),
            content_type="application/pdf",
        )
    upload.seek(0)
    try:
        photo: CleanedPhoto = clean_photo(upload)
    except ValidationError as error:
        if error.code == "not_an_image":
            raise _not_usable() from error
        raise
    extension = (photo.content.name or "photo.jpg").rsplit(".", 1)[1]
    return CheckedAttachment(
        content=photo.content,
        name=_display_name(upload, extension),
        content_type=PHOTO_TYPES[extension],
    )
