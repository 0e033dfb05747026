/*
 * A number as a spreadsheet shows it: the cell holds 0.8619 and a format
 * code 0.00%, the form shows 86.19%, and parse must see what the form
 * shows. Excel's number format language, the part forms use: sections
 * (positive;negative;zero;text), 0 # ? placeholders, thousands separators
 * and scaling commas, %, scientific E+00, quoted and escaped literals,
 * [colour] and [$sym-locale] tags, dates and times (y m d h s, AM/PM,
 * 上午/下午, [h] elapsed, 年月日 literals), and General.
 *
 * No Debian C library renders these (libxlsxwriter writes them; Gnumeric's
 * goffice renders them but pulls in GTK), so this file does: see README.
 * Not rendered: conditions ([>100]), fractions (# ?/?), [DBNum] Chinese
 * numerals, text padding (* fill): the number then shows as General, or the
 * tag is dropped.
 */
#ifndef SE_NUMFMT_H
#define SE_NUMFMT_H

#include <stdbool.h>

/*
 * The text shown for v under the format code (NULL or "" is General);
 * date1904 for workbooks that count days from 1904. The caller frees it.
 */
char *numfmt_format(double v, const char *code, bool date1904);

/* Excel's built-in format code for numFmtId id, or NULL (General). */
const char *numfmt_builtin(int id);

/* The code formats dates or times (a serial number shown as a date). */
bool numfmt_is_date(const char *code);

#endif
