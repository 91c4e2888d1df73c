"""Power cuts: a FUSE file system that loses what a disk loses when the power goes, and the test that cuts it."""
