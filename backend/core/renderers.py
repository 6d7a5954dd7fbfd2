"""The API's JSON renderer: orjson instead of the standard library's json.

Rendering a page of 20 tickets with `json.dumps` was a visible share of a list
request's Python time (see bench/profiles/); orjson writes the same JSON (UTF-8, no
spaces) several times faster. Values orjson does not know natively (lazy translation
strings, Decimal, UUID subclasses, anything DRF's encoder handles) go through DRF's
own encoder, so the output does not change.
"""

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_fallback = JSONEncoder()


class OrjsonRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        return orjson.dumps(data, default=_fallback.default, option=orjson.OPT_NON_STR_KEYS)
