"""The EcoIndex of a page (https://www.ecoindex.fr), from its three published inputs:
the number of DOM elements, the number of requests and the transferred weight in KB.

Each input is placed on the published scale of 21 quantiles of the HTTP Archive
population (a value between quantiles i and i+1 gets the index i plus the fraction of the
way it has gone to i+1); the score weighs DOM 3, requests 2 and weight 1:
score = 100 - 5 * (3 q_dom + 2 q_requests + q_weight) / 6."""

from bisect import bisect_right

DOM_QUANTILES = (
    0,
    47,
    75,
    159,
    233,
    298,
    358,
    417,
    476,
    537,
    603,
    674,
    753,
    843,
    949,
    1076,
    1237,
    1459,
    1801,
    2479,
    594601,
)
REQUEST_QUANTILES = (
    0,
    2,
    15,
    25,
    34,
    42,
    49,
    56,
    63,
    70,
    78,
    86,
    95,
    105,
    117,
    130,
    147,
    170,
    205,
    281,
    3920,
)
WEIGHT_KB_QUANTILES = (
    0,
    1.37,
    144.7,
    319.53,
    479.46,
    631.97,
    783.38,
    937.91,
    1098.62,
    1265.47,
    1448.32,
    1648.27,
    1876.08,
    2142.06,
    2465.37,
    2866.31,
    3401.59,
    4155.73,
    5400.08,
    8037.54,
    223212.26,
)
# A grade is given to scores strictly above its floor.
GRADE_FLOORS = (("A", 80), ("B", 70), ("C", 55), ("D", 40), ("E", 25), ("F", 10))


def quantile_position(value, quantiles):
    """Where ``value`` sits on the scale: 0 at the first quantile, 20 at the last."""
    last = len(quantiles) - 1
    if value >= quantiles[last]:
        return float(last)
    index = max(bisect_right(quantiles, value) - 1, 0)
    low, high = quantiles[index], quantiles[index + 1]
    return index + (value - low) / (high - low)


def score(dom_elements, requests, weight_kb):
    weighted = (
        3 * quantile_position(dom_elements, DOM_QUANTILES)
        + 2 * quantile_position(requests, REQUEST_QUANTILES)
        + quantile_position(weight_kb, WEIGHT_KB_QUANTILES)
    )
    return 100 - 5 * weighted / 6


def grade(value):
    for letter, floor in GRADE_FLOORS:
        if value > floor:
            return letter
    return "G"
