// Security: pure policy.
