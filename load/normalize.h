/*
 * Normalizing values as written into the archive's units. Each function
 * returns false when the text holds no value ("", "—", "/", "无"), so
 * that a blank stays NULL rather than becoming 0. None of them knows a
 * form's labels: they read numbers, units, dates and yes/no.
 */
#ifndef SE_NORMALIZE_H
#define SE_NORMALIZE_H

#include <glib.h>
#include <stdbool.h>

/*
 * Integer digits a number may have. A longer one (99999999999999999999),
 * or money whose fen would not fit in 64 bits, is refused: the function
 * returns false as for a blank, and norm_too_large tells the two apart
 * so that load can say so in an audit row.
 */
#define NORM_MAX_DIGITS 15

/* Is text a number that the functions below refuse as too large? */
bool norm_too_large(const char *text, const char *money_unit);

/*
 * Money to integer fen, exactly (never through a float). unit is the
 * money unit the form states for the value (元, 万元, 亿元, 千元); a unit
 * written after the number wins. Thousands separators, full-width digits
 * and ¥ are accepted; more decimals than a fen are rounded half up.
 */
bool norm_money(const char *text, const char *unit, gint64 *fen);

/*
 * A number whose commas do not group its digits by threes: what the
 * functions here read it as ("1,850,000,00" -> "1850000.00", the last
 * comma a typist's point; "18,50,000" -> "1850000"), for an audit row;
 * NULL for any other text.
 */
char *norm_grouping(const char *text);

/* A plain number: "96", "９６", "98.62", "5分". */
bool norm_number(const char *text, double *v);

/* A percentage as its number: "100.00%" -> 100.0, "86.19" -> 86.19. */
bool norm_percent(const char *text, double *v);

/* A date to ISO 8601: 2020-04-30, 2020/4/30, 2020.4.30, 2020年4月30日. */
bool norm_date(const char *text, char iso[11]);

/* 是 / 否 (and Y/N, √/×) to 1 / 0. */
bool norm_bool(const char *text, int *v);

/*
 * Is every telephone number in text one China's numbering allows: a
 * mobile (1[3-9] and nine digits), an area code (0 and two or three
 * digits) with a local number of seven or eight digits not starting 0 or
 * 1, a local number alone, 400/800 and seven digits, or a service number
 * (12345, 95xxx); an extension may follow (转8001, -8001). False also when
 * text holds no number.
 */
bool norm_phone(const char *text);

/*
 * 指标性质 as a kind of indicator: 定量指标 / 定量 -> "定量", 定性指标 /
 * 定性 -> "定性"; NULL for anything else (a comparison such as ≥).
 */
const char *norm_nature(const char *text);

/* The budget year a title states: "（2022年度）" -> 2022. */
bool norm_year(const char *text, int *year);

/*
 * A narrative quantity: the value as written ("19.47", "一万", "1,300")
 * and its unit ("万元") to a value in the unit without its 万/亿/千
 * prefix (194700, "元"). unit_norm is newly allocated.
 */
bool norm_quantity(const char *value, const char *unit, double *value_norm,
    char **unit_norm);

/*
 * A label that carries its maximum ("投入与管理(36分)"): the label without
 * it, and the maximum. Without such a suffix, label is a copy and the
 * function returns false.
 */
bool norm_weighted_label(const char *text, char **label, double *weight);

/*
 * A target as written ("≥50个", "=100%", "≤90万元", "﹦100%") to its
 * comparison (">=", "<=", "=", ">", "<"; NULL when it states none), number
 * and unit. Returns false for a target with no number ("及时", "效果明显").
 */
bool norm_target(const char *text, char **op, double *value, char **unit);

/* A comparison alone ("≥", "不低于", "＝"), as a 指标性质 column gives it. */
bool norm_comparison(const char *text, char **op);

#endif
