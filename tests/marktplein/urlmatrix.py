"""Every URL pattern of the project, found by walking the resolver."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or "" for unnamed patterns
    route: str  # the pattern as written, with its prefixes


def all_routes() -> list[Route]:
    def walk(patterns, prefix: str = "", namespace: str = ""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or ""
                if name and namespace:
                    name = f"{namespace}:{name}"
                yield Route(name=name, route=prefix + str(pattern.pattern))

    return list(walk(get_resolver().url_patterns))
