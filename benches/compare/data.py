"""The seeded benchmark data of benches/src/lib.rs, vectorised with numpy.

Counter-based SplitMix64 (64 uniform bits per index) and Box-Muller (cosine branch), exactly
as in the Rust crate `spc-benches`, so the Python baselines time the same numbers as
`cargo bench -p spc-benches` (up to the last bit of ln/cos, which differ between libms).
Run `python data.py` to print a checksum that `cargo test -p spc-benches` also checks.
"""
import numpy as np

SEED = 20_240_531
SIZES = [1_000, 10_000, 100_000, 1_000_000]
SUBGROUP = 5
FACETED = (400, 20)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def bits(seed, i):
    """SplitMix64 of the counter seed + (i + 1) * golden, for an array of indices i."""
    i = np.asarray(i, dtype=np.uint64)
    z = np.uint64(seed) + (i + np.uint64(1)) * _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def uniform(seed, i):
    """Uniforms in [0, 1) from the top 53 bits."""
    return (bits(seed, i) >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def std_normal(seed, n):
    """n standard normals: Box-Muller on uniforms 2i and 2i + 1."""
    i = np.arange(n, dtype=np.uint64)
    u1 = uniform(seed, 2 * i)
    u2 = uniform(seed, 2 * i + np.uint64(1))
    return np.sqrt(-2.0 * np.log(1.0 - u1)) * np.cos(2.0 * np.pi * u2)


def normal(n, seed=SEED, mean=100.0, sd=10.0):
    """n values of N(mean, sd): the y of the run and I benchmarks."""
    return mean + sd * std_normal(seed, n)


def positions(n):
    """x = 1, 2, ..., n."""
    return np.arange(1, n + 1, dtype=np.float64)


def proportions(n, seed=SEED):
    """(y, d): denominators 100..=200 and counts about Binomial(d, 0.1)."""
    p = 0.1
    d = 100.0 + (bits(seed ^ 1, np.arange(n, dtype=np.uint64)) % np.uint64(101)).astype(np.float64)
    z = std_normal(seed, n)
    y = np.clip(np.round(d * p + z * np.sqrt(d * p * (1.0 - p))), 0.0, d)
    return y, d


def subgroups(n, seed=SEED):
    """(x, y): n rows, n / 5 subgroups of 5 (x = 1,1,1,1,1,2,...)."""
    x = (np.arange(n) // SUBGROUP + 1).astype(np.float64)
    return x, normal(n, seed)


def faceted(series=FACETED[0], length=FACETED[1], seed=SEED):
    """(x, y, facet) of the faceted I benchmark: facet s000..s399, x = 1..length within each
    facet, y ~ N(100, 10) over all rows in order."""
    rows = series * length
    x = (np.arange(rows) % length + 1).astype(np.float64)
    facet = [f"s{i // length:03}" for i in range(rows)]
    return x, normal(rows, seed), facet


if __name__ == "__main__":
    y = normal(1_000_000)
    yp, d = proportions(1_000_000)
    print(f"normal[0..3] = {y[:3].tolist()}")
    print(f"sum(normal(1e6)) = {y.sum():.6f}")
    print(f"sum(p counts) = {yp.sum():.0f}, sum(d) = {d.sum():.0f}")
