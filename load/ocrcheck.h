/*
 * What OCR doubted, settled where the form's own sums can and turned into
 * audit rows where they cannot. extract writes, for an OCR'd source, the
 * cells it read below its confidence threshold and the numbers it had
 * other readings of ("ocr" in the provenance: page, the texts of the
 * cell's table row, its column, confidence, alternatives); parse copies
 * that into every record. Here each such cell is found in the record by
 * its row's texts and its own (the page, an indicator's name or a funds
 * label among the row's cells, the field whose value is the cell's text):
 * no geometry, no form labels. Then, while the record's numeric checks
 * (weights_sum, level1_weight, scores_sum, score_le_weight, exec_rate,
 * exec_score) fail, the alternative that makes the most of them pass is
 * taken. Every doubtful or changed cell gives one message naming page,
 * row and field, and so does every number OCR read that a check still
 * failing adds up (the form disagrees with itself: the scan decides).
 */
#ifndef SE_OCRCHECK_H
#define SE_OCRCHECK_H

#include <glib.h>
#include <json-glib/json-glib.h>

/*
 * How many numeric checks the record, as it now stands, fails; failed, if
 * not NULL, gets the names of their rules.
 */
typedef int (*ocr_failures_fn)(JsonObject *rec, GHashTable *failed);

/*
 * Settle rec's doubtful numbers in place and append a message (char *)
 * per doubtful or changed cell to notes, and the members those cells fill
 * (static strings) to doubted. Returns the source's mean OCR confidence
 * (0..100), or -1 when no page of it was read through OCR.
 */
double ocr_settle(JsonObject *rec, ocr_failures_fn failures,
    GPtrArray *notes, GHashTable *doubted);

#endif
