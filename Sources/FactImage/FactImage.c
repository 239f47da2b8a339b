// `iijq_fact_image` itself is in the FactImage.c the CompileFacts plugin generates; this file
// gives the target a source of its own to be built from.
#include "FactImage.h"
