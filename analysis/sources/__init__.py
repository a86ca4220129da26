"""Who speaks: attribution cues, speakers, coreference and stated wire credits."""
