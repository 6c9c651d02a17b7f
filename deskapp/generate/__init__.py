"""Demo and bulk data: a building's weeks for training, millions of cases for benchmarks."""
