"""Text and photos from residents: sanitised HTML, checked and cleaned images."""

import re
from dataclasses import dataclass
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
# Text is HTML when a "<" opens something that looks like a tag; "3 < 5", "<3" or
# "<-- here" is plain text and keeps its paragraphs and links.
LOOKS_LIKE_HTML = re.compile(r"<[A-Za-z/!?]")
# Decoded image formats we accept, by content, and the extension we store them under.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# The site never shows a photo larger than this (longest side, in pixels): we keep no more.
PHOTO_SIDE = 1600
# Pixels a source may have. A JPEG is scaled down while it is decoded, so it may be
# larger; PNG and WebP are decoded in full first, so their bound is what we can afford
# to decode (about 64 MB of memory at 4 bytes a pixel).
MAX_SOURCE_PIXELS = {"JPEG": 50_000_000, "PNG": 16_000_000, "WEBP": 16_000_000}
# Pillow's own guard, for any code path that opens an image: refuse above our largest bound.
Image.MAX_IMAGE_PIXELS = max(MAX_SOURCE_PIXELS.values())


@dataclass(frozen=True)
class CleanedPhoto:
    """A photo that `clean_photo` decoded, scaled and stripped: safe to store as it is."""

    content: ContentFile
    width: int
    height: int


def sanitise_html(text: str) -> str:
    """Turn what a resident typed into safe HTML.

    Plain text keeps its paragraphs and gets its links made clickable; HTML
    keeps only simple formatting and links. No script, style or event
    handler gets through.
    """
    text = text.strip()
    if not LOOKS_LIKE_HTML.search(text):
        text = urlize(linebreaks(escape(text)), nofollow=True)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def _not_a_photo() -> ValidationError:
    return ValidationError(
        _("This file is not a photo we can use. Use a JPEG, PNG or WebP photo."),
        code="not_an_image",
    )


def clean_photo(upload) -> CleanedPhoto:
    """Check a photo by its content, size and pixels; return it scaled and without metadata.

    The photo is decoded once. A JPEG is scaled down while it is decoded, so a
    huge picture never lands in memory in full; the result is at most
    PHOTO_SIDE pixels on its longest side. Only the pixels are kept: EXIF (GPS
    included), XMP, ICC profiles and comments are all dropped; the orientation
    from EXIF is applied to the pixels first.
    """
    if isinstance(upload, CleanedPhoto):
        return upload
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
        with Image.open(BytesIO(data)) as image:
            image_format = image.format
            if image_format not in IMAGE_FORMATS:
                raise _not_a_photo()
            # The size comes from the header: refuse before a single pixel is decoded.
            width, height = image.size
            if width * height > MAX_SOURCE_PIXELS[image_format]:
                raise ValidationError(
                    _(
                        "This photo has too many pixels. Use a photo of at most %(megapixels)s megapixels."
                    )
                    % {"megapixels": MAX_SOURCE_PIXELS[image_format] // 1_000_000},
                    code="too_many_pixels",
                )
            orientation = image.getexif().get(ImageOps.ExifTags.Base.Orientation, 1)
            # A JPEG is decoded at 1/2, 1/4 or 1/8 of its size, as small as still covers
            # PHOTO_SIDE (draft mode); other formats ignore this.
            image.draft("RGB", (PHOTO_SIDE, PHOTO_SIDE))
            image.thumbnail((PHOTO_SIDE, PHOTO_SIDE), Image.Resampling.LANCZOS)
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            mode = "RGBA" if has_alpha and image_format != "JPEG" else "RGB"
            pixels = image.convert(mode)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise _not_a_photo() from error
    except Image.DecompressionBombError as error:
        raise ValidationError(_("This photo has too many pixels."), code="too_many_pixels") from (
            error
        )
    transpose = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation)
    if transpose is not None:
        pixels = pixels.transpose(transpose)
    # A new image from the raw pixels carries no metadata of any kind.
    clean = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    out = BytesIO()
    options = {"quality": 85} if image_format in ("JPEG", "WEBP") else {}
    clean.save(out, format=image_format, **options)
    return CleanedPhoto(
        content=ContentFile(out.getvalue(), name=f"photo.{IMAGE_FORMATS[image_format]}"),
        width=clean.width,
        height=clean.height,
    )
