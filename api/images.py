"""Page images for the IIIF Image API: originals under the media folder, served as JPEG.

An original (JPEG, PNG, TIFF ...) lies at the path a page's ``jl:imageFile`` names, relative to
``Settings.media``. Every other size, and a full-size JPEG of an original in another format, is
made with Pillow on first request and kept as ``{media}/.derived/{image file}/{w},{h}.jpg``;
it is made again when the original is newer. Files are written under a temporary name and then
renamed, so a reader never sees half a JPEG and two requests making the same file do no harm.

Errors::

    ImageError (ValueError)
     ├── UnsafeImagePath    a path that leaves the media folder (``..``, absolute, a symlink out)
     ├── ImageMissing       no file at the path
     └── ImageUnreadable    a file Pillow cannot read as an image
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath

from PIL import Image

DERIVED = ".derived"
JPEG_QUALITY = 85


class ImageError(ValueError):
    """A page image that cannot be served; it names the image file as the graph gives it."""

    def __init__(self, image_file: str, why: str):
        self.image_file = image_file
        super().__init__(f"image file {image_file!r}: {why}")


class UnsafeImagePath(ImageError):
    """An image path that resolves outside the media folder."""


class ImageMissing(ImageError):
    """An image path with no file behind it."""


class ImageUnreadable(ImageError):
    """A file that Pillow cannot decode."""


def original(media: Path, image_file: str) -> Path:
    """The original file of a page image, which must lie inside the media folder.

    Raises:
        UnsafeImagePath: the path is absolute or resolves (through ``..`` or a symlink) outside.
        ImageMissing: nothing is there.
    """
    root = media.resolve()
    try:
        path = (root / image_file).resolve()
    except (OSError, ValueError) as err:  # a NUL byte, a symlink loop
        raise UnsafeImagePath(image_file, f"cannot be resolved: {err}") from err
    if (PurePosixPath(image_file).is_absolute() or Path(image_file).is_absolute()
            or path == root or not path.is_relative_to(root)):
        raise UnsafeImagePath(image_file, "leaves the media folder")
    if not path.is_file():
        raise ImageMissing(image_file, f"no such file in the media folder {media}")
    return path


def jpeg(media: Path, image_file: str, size: tuple[int, int]) -> Path:
    """A JPEG file of a page image at exactly ``size`` (width, height).

    The original itself when it is an RGB or grey JPEG of that size; else a derivative, made
    now unless an up-to-date one is cached.

    Raises:
        UnsafeImagePath, ImageMissing: as `original`.
        ImageUnreadable: Pillow cannot read the original.
    """
    source = original(media, image_file)
    if _is_jpeg(source, size, image_file):
        return source
    relative = source.relative_to(media.resolve())
    target = media.resolve() / DERIVED / relative / f"{size[0]},{size[1]}.jpg"
    if not target.is_file() or target.stat().st_mtime < source.stat().st_mtime:
        _write_atomically(_scaled(source, size, image_file), target)
    return target


def _is_jpeg(path: Path, size: tuple[int, int], image_file: str) -> bool:
    try:
        with Image.open(path) as image:
            return image.format == "JPEG" and image.mode in ("RGB", "L") and image.size == size
    except (OSError, Image.DecompressionBombError) as err:  # UnidentifiedImageError is an OSError
        raise ImageUnreadable(image_file, str(err)) from err


def _scaled(path: Path, size: tuple[int, int], image_file: str) -> Image.Image:
    try:
        with Image.open(path) as image:
            image.draft("RGB", size)  # a JPEG decodes at the smallest scale still >= size
            flat = _flattened(image)
            return flat if flat.size == size else flat.resize(size, Image.Resampling.LANCZOS)
    except (OSError, Image.DecompressionBombError) as err:
        raise ImageUnreadable(image_file, str(err)) from err


def _flattened(image: Image.Image) -> Image.Image:
    """RGB or grey, with any transparency laid on white (JPEG has no alpha channel)."""
    if image.mode in ("RGB", "L"):
        image.load()
        return image.copy()
    if "A" in image.mode or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGB", image.size, "white")
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")


def _write_atomically(image: Image.Image, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as sink:
            image.save(sink, "JPEG", quality=JPEG_QUALITY, optimize=True)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
