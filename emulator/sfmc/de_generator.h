// Deterministic demo rows for Data Extensions: the same seed, key and row number always give the
// same row, whatever the batch size. Well-known column names (SubscriberKey, EmailAddress,
// FirstName, Phone, Country, OptIn, ModifiedDate, Points, ...) get realistic values, including some
// empty values, invalid emails and phones in several countries; other columns get values by type.
#pragma once

#include <cstdint>
#include <vector>

#include "common/result.h"
#include "emulator/sfmc/data_extension_store.h"

namespace emu {

// Row `index` (0-based) of `de`.
DeRow generate_de_row(const DataExtensionDef& de, uint64_t seed, int64_t index);

// Appends `rows` generated rows to `de` in batches (bounded memory for 250k+ rows).
sfsync::Result<void> populate_data_extension(DataExtensionStore& store, const DataExtensionDef& de, uint64_t seed,
                                             int64_t rows);

}  // namespace emu
