"""`make bench`: end-to-end timings of the CLI against floors measured in the same run (see __main__)."""
