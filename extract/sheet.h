#ifndef SE_SHEET_H
#define SE_SHEET_H

#include <glib.h>

#include "model.h"

/*
 * A workbook's merged ranges onto the table of one sheet's visible cells
 * (the XLSX and XLS readers). rows and cols hold the sheet's visible row
 * and column numbers, ascending, in table order; merges holds four ints
 * per range (first row, first column, last row, last column, in sheet
 * numbers). A range starts at its first visible row and column; hidden
 * ones it spans do not count, and a range overlapping an earlier one is
 * left out.
 */
void sheet_merges(struct doc_table *t, GArray *rows, GArray *cols,
    const GArray *merges);

#endif
