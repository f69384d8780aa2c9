"""Agency formats: files in NewsML-G2, NITF, NewsML 1.x, AFP's ASRAEL XML or ninjs become the
same record as text seeds. Pure functions, no I/O.

    read_item(bytes, suffix) -> Item          (sniff.py, then one reader per format)
    extract_item(item, reference) -> Record   (merge.py: the markup's fields win, text extraction fills the rest)
"""

from .item import FormatError, Item, Photo
from .merge import extract_item
from .sniff import SUFFIXES, read_item

__all__ = ["FormatError", "Item", "Photo", "SUFFIXES", "extract_item", "read_item"]
