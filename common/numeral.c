#include "numeral.h"

gint64
cn_numeral(const char *s)
{
	static const char digits[][4] = { "零", "一", "二", "三", "四", "五",
	    "六", "七", "八", "九" };
	gint64 yi = 0, wan = 0, section = 0, number = 0;
	gboolean any = FALSE;
	gint64 max = 1;

	for (int i = 0; i < CN_MAX_DIGITS; i++)
		max *= 10;
	max--;

	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		int d = -1;
		gint64 unit = 0;

		for (int i = 0; i < 10; i++)
			if (g_utf8_get_char(digits[i]) == c)
				d = i;
		if (c == 0x3007)	/* 〇 */
			d = 0;
		else if (c == 0x4E24)	/* 两 */
			d = 2;
		else if (c == 0x5341)	/* 十 */
			unit = 10;
		else if (c == 0x767E)	/* 百 */
			unit = 100;
		else if (c == 0x5343)	/* 千 */
			unit = 1000;
		else if (c == 0x4E07)	/* 万 */
			unit = 10000;
		else if (c == 0x4EBF)	/* 亿 */
			unit = 100000000;
		if (d >= 0)
			number = d;
		else if (unit == 100000000) {
			if (yi + wan + section + number > max / unit)
				return -1;
			yi = (yi + wan + section + number) * unit;
			wan = section = number = 0;
		} else if (unit == 10000) {
			wan = (section + number == 0 ? 1 : section + number) * unit;
			section = number = 0;
		} else if (unit > 0) {
			section += (number == 0 ? 1 : number) * unit;
			number = 0;
		} else
			return -1;
		any = TRUE;
	}
	if (!any || yi + wan + section + number > max)
		return -1;
	return yi + wan + section + number;
}
