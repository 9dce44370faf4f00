"""Small helpers over one random.Random, so that a seed always gives the same demo data."""

from itertools import accumulate


class Weighted:
    """A fixed weighted choice: Weighted({"B1": 62, "A1": 22}).pick(rng)."""

    def __init__(self, weights):
        self.values = list(weights)
        self.cum_weights = list(accumulate(weights.values()))

    def pick(self, rng):
        return rng.choices(self.values, cum_weights=self.cum_weights)[0]


def chance(rng, probability):
    return rng.random() < probability
