#ifndef SE_NUMERAL_H
#define SE_NUMERAL_H

#include <glib.h>

/*
 * The value of a Chinese numeral as forms write counts: 一, 十二, 两,
 * 一万, 三千五百, 一亿两千万. Returns -1 when s holds anything else, or a
 * value of more than CN_MAX_DIGITS digits.
 */
#define CN_MAX_DIGITS 15
gint64 cn_numeral(const char *s);

#endif
