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


class Shares:
    """A weighted choice that keeps to its shares: Shares({"a": 3, "b": 1}). After n picks each value has
    come up within a few of n times its share (independent picks stray by several percent over a few hundred,
    which a small demo's outcome figures would show); which value comes next is still random: each value that
    is behind its share, in proportion to how far behind."""

    def __init__(self, weights):
        total = sum(weights.values())
        self.shares = {value: weight / total for value, weight in weights.items()}
        self.counts, self.picked = dict.fromkeys(weights, 0), 0

    def pick(self, rng):
        self.picked += 1
        behind = {value: self.picked * share - self.counts[value] for value, share in self.shares.items()}
        candidates = [value for value, lag in behind.items() if lag > 0]
        value = rng.choices(candidates, weights=[behind[candidate] for candidate in candidates])[0]
        self.counts[value] += 1
        return value
