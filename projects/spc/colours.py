"""Making Data Count colours (as used by NHS England's SPC tools) and marker shapes, so that the point
types differ by shape as well as colour."""

from . import icons

POINT_COLOURS = {
    icons.COMMON_CAUSE: "#7B7D7D",
    icons.IMPROVEMENT: "#289DE0",
    icons.CONCERN: "#FAB428",
    icons.NEUTRAL: "#361475",
}
POINT_SYMBOLS = {
    icons.COMMON_CAUSE: "circle",
    icons.IMPROVEMENT: "circle",
    icons.CONCERN: "diamond",
    icons.NEUTRAL: "square",
}
VALUE_LINE = "#7B7D7D"
MEAN_LINE = "#000000"
LIMIT_LINE = "#7B7D7D"
TARGET_LINE = "#DE1B1B"
REBASE_LINE = "#425563"
CHANGE_MARKER = "#005EB8"  # NHS blue: a PDSA cycle started
