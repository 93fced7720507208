"""Reading an audit file: bytes to a checked `LoadedAudit`, or every problem in it, located.

yamldoc parses safely (limits, positions), values parses measured values, models holds the
schemas, checks the rules beyond shape, loader is the boundary that runs them all; errors,
visible and validation are what every later layer reports problems with."""
