"""pcsm."""
