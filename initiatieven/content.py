"""Text and photos from residents: sanitised HTML, checked and cleaned images."""

from io import BytesIO

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.html import escape, linebreaks, urlize
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
# Decoded image formats we accept, by content, and the extension we store them under.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# A picture larger than this many pixels is refused before it is decoded in full.
MAX_IMAGE_PIXELS = 40_000_000


def sanitise_html(text: str) -> str:
    """Turn what a resident typed into safe HTML.

    Plain text keeps its paragraphs and gets its links made clickable; HTML
    keeps only simple formatting and links. No script, style or event
    handler gets through.
    """
    text = text.strip()
    if "<" not in text:
        text = urlize(linebreaks(escape(text)), nofollow=True)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def clean_photo(upload) -> ContentFile:
    """Check a photo by its content and size; return it re-encoded without EXIF data.

    Re-encoding drops every metadata block, GPS location included; the
    orientation from EXIF is applied to the pixels first.
    """
    max_bytes = settings.MARKTPLEIN_MAX_PHOTO_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("This photo is too large. A photo can be at most %(mb)s MB.")
            % {"mb": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(_("This photo is too large."), code="too_large")
    try:
        with Image.open(BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
        if image_format not in IMAGE_FORMATS:
            raise UnidentifiedImageError(image_format)
        if width * height > MAX_IMAGE_PIXELS:
            raise ValidationError(_("This photo has too many pixels."), code="too_large")
        with Image.open(BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = BytesIO()
            image.save(
                out, format=image_format, **({"quality": 85} if image_format == "JPEG" else {})
            )
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This file is not a photo we can use. Use a JPEG, PNG or WebP photo."),
            code="not_an_image",
        ) from error
    return ContentFile(out.getvalue(), name=f"photo.{IMAGE_FORMATS[image_format]}")
