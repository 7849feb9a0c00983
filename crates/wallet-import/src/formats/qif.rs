//! Quicken Interchange Format, with the date order the person chooses.
