"""Maps drawn on the server from a bundled Natural Earth basemap: her route, and the aggregate
flows of published (disclosure-controlled) counts. No tiles, no script, nothing fetched."""

from casebook.maps.basemap import Frame, locate, source
from casebook.maps.route import Route, Stop, route_of, route_svg, route_svgs

__all__ = ["Frame", "Route", "Stop", "locate", "route_of", "route_svg", "route_svgs",
           "source"]
