"""The desk's operations. The only code that writes: one transaction per operation, with history."""
