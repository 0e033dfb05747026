#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

/*
 * Excel's built-in formats. 27-36 and 50-58 are the ones of Chinese
 * (PRC) Excel, where the forms come from; 14 and 22 are the PRC short
 * date, which Excel shows in the reader's locale.
 */
static const struct {
	int id;
	const char *code;
} builtins[] = {
	{ 1, "0" }, { 2, "0.00" }, { 3, "#,##0" }, { 4, "#,##0.00" },
	{ 5, "\"¥\"#,##0;\"¥\"-#,##0" }, { 6, "\"¥\"#,##0;[Red]\"¥\"-#,##0" },
	{ 7, "\"¥\"#,##0.00;\"¥\"-#,##0.00" },
	{ 8, "\"¥\"#,##0.00;[Red]\"¥\"-#,##0.00" },
	{ 9, "0%" }, { 10, "0.00%" }, { 11, "0.00E+00" }, { 12, "# ?/?" },
	{ 13, "# ?\?/?\?" }, { 14, "yyyy/m/d" }, { 15, "d-mmm-yy" },
	{ 16, "d-mmm" }, { 17, "mmm-yy" }, { 18, "h:mm AM/PM" },
	{ 19, "h:mm:ss AM/PM" }, { 20, "h:mm" }, { 21, "h:mm:ss" },
	{ 22, "yyyy/m/d h:mm" },
	{ 27, "yyyy\"年\"m\"月\"" }, { 28, "m\"月\"d\"日\"" },
	{ 29, "m\"月\"d\"日\"" }, { 30, "m-d-yy" },
	{ 31, "yyyy\"年\"m\"月\"d\"日\"" }, { 32, "h\"时\"mm\"分\"" },
	{ 33, "h\"时\"mm\"分\"ss\"秒\"" }, { 34, "上午/下午h\"时\"mm\"分\"" },
	{ 35, "上午/下午h\"时\"mm\"分\"ss\"秒\"" }, { 36, "yyyy\"年\"m\"月\"" },
	{ 37, "#,##0 ;(#,##0)" }, { 38, "#,##0 ;[Red](#,##0)" },
	{ 39, "#,##0.00;(#,##0.00)" }, { 40, "#,##0.00;[Red](#,##0.00)" },
	{ 45, "mm:ss" }, { 46, "[h]:mm:ss" }, { 47, "mm:ss.0" },
	{ 48, "##0.0E+0" }, { 49, "@" },
	{ 50, "yyyy\"年\"m\"月\"" }, { 51, "m\"月\"d\"日\"" },
	{ 52, "yyyy\"年\"m\"月\"" }, { 53, "m\"月\"d\"日\"" },
	{ 54, "m\"月\"d\"日\"" }, { 55, "上午/下午h\"时\"mm\"分\"" },
	{ 56, "上午/下午h\"时\"mm\"分\"ss\"秒\"" }, { 57, "yyyy\"年\"m\"月\"" },
	{ 58, "m\"月\"d\"日\"" },
};

const char *
numfmt_builtin(int id)
{
	for (size_t i = 0; i < G_N_ELEMENTS(builtins); i++)
		if (builtins[i].id == id)
			return builtins[i].code;
	return NULL;
}

enum tk {
	T_LIT,		/* text shown as is */
	T_DIG,		/* 0 # ? */
	T_DOT,
	T_COMMA,
	T_PCT,
	T_EXP,		/* E+ or E- */
	T_GEN,		/* General */
	T_DATE,		/* y m d h s, or aaa (Chinese weekday) */
	T_ELAPSED,	/* [h] [mm] [ss] */
	T_AMPM,
	T_AT,		/* the text itself */
};

struct tok {
	enum tk k;
	char c;			/* T_DIG, T_DATE, T_ELAPSED: the letter */
	int n;			/* T_DATE, T_ELAPSED: how many; T_EXP: 1 if + */
	GString *s;		/* T_LIT; T_AMPM: "AM/PM", "A/P", "上午/下午" */
};

static void
tok_free(gpointer p)
{
	struct tok *t = p;

	if (t->s != NULL)
		g_string_free(t->s, TRUE);
}

static void
add(GArray *toks, enum tk k, char c, int n)
{
	struct tok t = { k, c, n, NULL };

	g_array_append_val(toks, t);
}

static void
lit(GArray *toks, const char *s, size_t len)
{
	struct tok *last = toks->len ? &g_array_index(toks, struct tok,
	    toks->len - 1) : NULL;

	if (last == NULL || last->k != T_LIT) {
		struct tok t = { T_LIT, 0, 0, g_string_new(NULL) };
		g_array_append_val(toks, t);
		last = &g_array_index(toks, struct tok, toks->len - 1);
	}
	g_string_append_len(last->s, s, (gssize)len);
}

/* One section of a format code into tokens. */
static GArray *
tokenize(const char *s)
{
	GArray *toks = g_array_new(FALSE, FALSE, sizeof(struct tok));

	g_array_set_clear_func(toks, tok_free);
	while (*s) {
		char c = *s, lc = g_ascii_tolower(c);
		if (c == '"') {
			const char *e = strchr(s + 1, '"');
			size_t n = e ? (size_t)(e - s - 1) : strlen(s + 1);
			lit(toks, s + 1, n);
			s += n + 1 + (e != NULL);
		} else if (c == '\\' && s[1]) {
			size_t n = g_utf8_next_char(s + 1) - (s + 1);
			lit(toks, s + 1, n);
			s += 1 + n;
		} else if (c == '_' && s[1]) {
			lit(toks, " ", 1);	/* the width of the next char */
			s = g_utf8_next_char(s + 1);
		} else if (c == '*' && s[1]) {
			s = g_utf8_next_char(s + 1);	/* fill: no width here */
		} else if (c == '[') {
			const char *e = strchr(s, ']');
			size_t n = e ? (size_t)(e - s - 1) : strlen(s + 1);
			char *in = g_strndup(s + 1, n);
			char l = g_ascii_tolower(in[0]);
			if (in[0] == '$') {
				/* [$¥-804]: the symbol; [$-804]: a locale only. */
				char *dash = strchr(in + 1, '-');
				lit(toks, in + 1, dash ? (size_t)(dash - in - 1) :
				    strlen(in + 1));
			} else if ((l == 'h' || l == 'm' || l == 's') &&
			    strspn(in, l == 'h' ? "hH" : l == 'm' ? "mM" :
			    "sS") == n) {
				add(toks, T_ELAPSED, l, (int)n);
			}
			/* colours, conditions, [DBNum1]: not rendered */
			g_free(in);
			s += n + 1 + (e != NULL);
		} else if (g_ascii_strncasecmp(s, "general", 7) == 0) {
			add(toks, T_GEN, 0, 0);
			s += 7;
		} else if (g_ascii_strncasecmp(s, "am/pm", 5) == 0 ||
		    strncmp(s, "上午/下午", strlen("上午/下午")) == 0 ||
		    g_ascii_strncasecmp(s, "a/p", 3) == 0) {
			size_t n = g_ascii_strncasecmp(s, "am/pm", 5) == 0 ? 5 :
			    g_ascii_strncasecmp(s, "a/p", 3) == 0 ? 3 :
			    strlen("上午/下午");
			struct tok t = { T_AMPM, 0, 0, g_string_new_len(s,
			    (gssize)n) };
			g_array_append_val(toks, t);
			s += n;
		} else if (c == '0' || c == '#' || c == '?') {
			add(toks, T_DIG, c, 0);
			s++;
		} else if (c == '.') {
			add(toks, T_DOT, c, 0);
			s++;
		} else if (c == ',') {
			add(toks, T_COMMA, c, 0);
			s++;
		} else if (c == '%') {
			add(toks, T_PCT, c, 0);
			s++;
		} else if (lc == 'e' && (s[1] == '+' || s[1] == '-')) {
			add(toks, T_EXP, 'E', s[1] == '+');
			s += 2;
		} else if (lc == 'y' || lc == 'm' || lc == 'd' || lc == 'h' ||
		    lc == 's' || (lc == 'a' && g_ascii_tolower(s[1]) == 'a')) {
			int n = 0;
			while (g_ascii_tolower(s[n]) == lc)
				n++;
			add(toks, T_DATE, lc, n);
			s += n;
		} else if (c == '@') {
			add(toks, T_AT, c, 0);
			s++;
		} else {
			size_t n = g_utf8_next_char(s) - s;
			lit(toks, s, n);
			s += n;
		}
	}
	return toks;
}

/* Split a code into its ;-separated sections (quotes and [] kept whole). */
static GPtrArray *
sections(const char *code)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	const char *start = code, *p = code;

	while (*p) {
		if (*p == '"') {
			const char *e = strchr(p + 1, '"');
			p = e ? e + 1 : p + strlen(p);
		} else if (*p == '[') {
			const char *e = strchr(p, ']');
			p = e ? e + 1 : p + strlen(p);
		} else if (*p == '\\' && p[1]) {
			p += 2;
		} else if (*p == ';') {
			g_ptr_array_add(out, g_strndup(start, p - start));
			start = ++p;
		} else
			p++;
	}
	g_ptr_array_add(out, g_strdup(start));
	return out;
}

/*
 * |v| rounded half away from zero to dec decimals, as Excel does: on the
 * 15 significant digits it keeps, not on the binary double (215457.605
 * shows 215,457.61). ip gets the integer digits ("" for 0), fp exactly dec
 * fraction digits.
 */
static void
decimal(double v, int dec, GString *ip, GString *fp)
{
	char buf[64], digits[15];
	int exp, keep, n;
	GString *all = g_string_new(NULL);

	snprintf(buf, sizeof buf, "%.14e", fabs(v));
	digits[0] = buf[0];
	memcpy(digits + 1, buf + 2, 14);
	exp = atoi(strchr(buf, 'e') + 1);
	keep = exp + 1 + dec;	/* digits down to the last decimal */
	n = keep > 0 ? keep : 0;
	/* all[0] takes a carry; all[1..n] the kept digits */
	g_string_append_c(all, '0');
	for (int i = 0; i < n; i++)
		g_string_append_c(all, i < 15 ? digits[i] : '0');
	if (keep >= 0 && keep < 15 && digits[keep] >= '5') {
		int i = n;
		while (all->str[i] == '9')
			all->str[i--] = '0';
		all->str[i]++;
	}
	while ((int)all->len < dec + 1)
		g_string_prepend_c(all, '0');
	g_string_truncate(ip, 0);
	g_string_truncate(fp, 0);
	g_string_append_len(ip, all->str, (gssize)(all->len - dec));
	g_string_append(fp, all->str + all->len - dec);
	while (ip->len > 0 && ip->str[0] == '0')
		g_string_erase(ip, 0, 1);
	g_string_free(all, TRUE);
}

/* Excel's General: up to 11 characters of number, else scientific. */
static void
general(GString *out, double v)
{
	double a = fabs(v);
	GString *ip = g_string_new(NULL), *fp = g_string_new(NULL);

	if (v < 0)
		g_string_append_c(out, '-');
	if (a != 0 && (a >= 1e11 || a < 1e-9)) {
		char buf[64], *e;
		snprintf(buf, sizeof buf, "%.5E", a);
		e = strchr(buf, 'E');
		size_t m = (size_t)(e - buf);
		while (m > 1 && buf[m - 1] == '0')
			m--;
		if (buf[m - 1] == '.')
			m--;
		g_string_append_len(out, buf, (gssize)m);
		g_string_append(out, e);
	} else {
		int intdigits = a >= 1 ? (int)floor(log10(a)) + 1 : 1;
		decimal(a, MAX(0, 10 - intdigits), ip, fp);
		while (fp->len > 0 && fp->str[fp->len - 1] == '0')
			g_string_truncate(fp, fp->len - 1);
		g_string_append(out, ip->len ? ip->str : "0");
		if (fp->len > 0)
			g_string_append_printf(out, ".%s", fp->str);
	}
	g_string_free(ip, TRUE);
	g_string_free(fp, TRUE);
}

static bool
is_date_section(GArray *toks)
{
	for (guint i = 0; i < toks->len; i++) {
		enum tk k = g_array_index(toks, struct tok, i).k;
		if (k == T_DATE || k == T_ELAPSED || k == T_AMPM)
			return true;
	}
	return false;
}

bool
numfmt_is_date(const char *code)
{
	GPtrArray *secs;
	GArray *toks;
	bool yes;

	if (code == NULL || *code == '\0')
		return false;
	secs = sections(code);
	toks = tokenize(secs->pdata[0]);
	yes = is_date_section(toks);
	g_array_free(toks, TRUE);
	g_ptr_array_free(secs, TRUE);
	return yes;
}

static const char *const months[] = { "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December" };
static const char *const wdays[] = { "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday" };
static const char *const cn_wdays[] = { "一", "二", "三", "四", "五", "六",
    "日" };

/* A serial date-time by a date section; false if it is no valid date. */
static bool
format_date(GString *out, double v, GArray *toks, bool date1904)
{
	int days, secs, y, mo, d, wd;
	bool ampm = false, fake_feb29 = false;
	GDate *date;

	if (v < 0 || v > 2958465.99999)		/* Excel shows #### */
		return false;
	days = (int)floor(v);
	secs = (int)lround((v - days) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	date = g_date_new_dmy(1, 1, 1900);
	if (date1904) {
		g_date_set_dmy(date, 1, 1, 1904);
		g_date_add_days(date, (guint)days);
	} else if (days == 60) {
		fake_feb29 = true;	/* Lotus's 1900-02-29, kept by Excel */
		g_date_set_dmy(date, 28, 2, 1900);
	} else if (days == 0) {
		g_date_set_dmy(date, 31, 12, 1899);	/* shown as 1900-01-00 */
	} else
		g_date_add_days(date, (guint)(days < 60 ? days - 1 : days - 2));
	y = g_date_get_year(date);
	mo = g_date_get_month(date);
	d = fake_feb29 ? 29 : days == 0 && !date1904 ? 0 : g_date_get_day(date);
	wd = g_date_get_weekday(date) - 1;
	g_date_free(date);
	for (guint i = 0; i < toks->len; i++)
		ampm = ampm || g_array_index(toks, struct tok, i).k == T_AMPM;
	for (guint i = 0; i < toks->len; i++) {
		struct tok *t = &g_array_index(toks, struct tok, i);
		int h = secs / 3600, mi = secs / 60 % 60, s = secs % 60;
		switch (t->k) {
		case T_LIT:
			g_string_append(out, t->s->str);
			break;
		case T_DOT:
			g_string_append_c(out, '.');
			break;
		case T_DIG:
			g_string_append_c(out, '0');	/* sub-second digits */
			break;
		case T_COMMA:
			g_string_append_c(out, ',');
			break;
		case T_PCT:
			g_string_append_c(out, '%');
			break;
		case T_AMPM:
			if (strcmp(t->s->str, "上午/下午") == 0)
				g_string_append(out, h < 12 ? "上午" : "下午");
			else if (t->s->len == 3)
				g_string_append_c(out, h < 12 ? t->s->str[0] :
				    t->s->str[2]);
			else
				g_string_append(out, h < 12 ? "AM" : "PM");
			break;
		case T_ELAPSED:
			g_string_append_printf(out, "%0*d", t->n, t->c == 'h' ?
			    days * 24 + h : t->c == 'm' ? (days * 24 + h) * 60 +
			    mi : days * 86400 + secs);
			break;
		case T_DATE: {
			/* m is minutes after an hour or before a second. */
			bool minute = false;
			if (t->c == 'm') {
				for (int j = (int)i - 1; j >= 0; j--) {
					struct tok *p = &g_array_index(toks,
					    struct tok, j);
					if (p->k == T_DATE || p->k == T_ELAPSED) {
						minute = p->c == 'h';
						break;
					}
				}
				for (guint j = i + 1; !minute && j < toks->len;
				    j++) {
					struct tok *p = &g_array_index(toks,
					    struct tok, j);
					if (p->k == T_DATE || p->k == T_ELAPSED) {
						minute = p->c == 's';
						break;
					}
				}
			}
			if (t->c == 'y')
				g_string_append_printf(out, t->n <= 2 ? "%02d" :
				    "%04d", t->n <= 2 ? y % 100 : y);
			else if (minute || t->c == 's' || t->c == 'h') {
				int x = minute ? mi : t->c == 's' ? s :
				    ampm ? (h % 12 == 0 ? 12 : h % 12) : h;
				g_string_append_printf(out, t->n >= 2 ?
				    "%02d" : "%d", x);
			} else if (t->c == 'm') {
				if (t->n <= 2)
					g_string_append_printf(out, t->n == 2 ?
					    "%02d" : "%d", mo);
				else if (t->n == 3)
					g_string_append_len(out, months[mo - 1], 3);
				else if (t->n == 4)
					g_string_append(out, months[mo - 1]);
				else
					g_string_append_c(out, months[mo - 1][0]);
			} else if (t->c == 'd') {
				if (t->n <= 2)
					g_string_append_printf(out, t->n == 2 ?
					    "%02d" : "%d", d);
				else if (t->n == 3)
					g_string_append_len(out, wdays[wd], 3);
				else
					g_string_append(out, wdays[wd]);
			} else if (t->c == 'a')
				g_string_append_printf(out, "%s%s", t->n >= 4 ?
				    "星期" : "", cn_wdays[wd]);
			break;
		}
		default:
			break;
		}
	}
	return true;
}

/* A number by a number section (v already made positive if the section
 * is the negative one). */
static void
format_number(GString *out, double v, GArray *toks)
{
	int pct = 0, scale = 0, nint = 0, nfrac = 0, nexp = 0, zeros = 0;
	bool dot = false, exp = false, group = false, placed = false;
	bool plus = false, neg = v < 0;
	GString *ip = g_string_new(NULL), *fp = g_string_new(NULL);
	GString *num = g_string_new(NULL);
	int first_dig = -1;
	double a = fabs(v);
	int e10 = 0;

	for (guint i = 0; i < toks->len; i++) {
		struct tok *t = &g_array_index(toks, struct tok, i);
		if (t->k == T_PCT)
			pct++;
		else if (t->k == T_EXP && !exp) {
			exp = true;
			plus = t->n;
		} else if (t->k == T_DOT && !exp && !dot)
			dot = true;
		else if (t->k == T_DIG) {
			if (first_dig < 0)
				first_dig = (int)i;
			if (exp)
				nexp++;
			else if (dot)
				nfrac++;
			else {
				nint++;
				zeros += t->c == '0';
			}
		} else if (t->k == T_COMMA && first_dig >= 0 && !exp) {
			/* Between digits: thousands; after them: ÷1000. */
			bool digit_after = false;
			for (guint j = i + 1; j < toks->len; j++) {
				enum tk k = g_array_index(toks, struct tok, j).k;
				if (k == T_DIG) {
					digit_after = !dot;
					break;
				}
				if (k != T_COMMA)
					break;
			}
			if (digit_after)
				group = true;
			else
				scale++;
		}
	}
	for (int i = 0; i < pct; i++)
		a *= 100;
	for (int i = 0; i < scale; i++)
		a /= 1000;
	if (exp && a != 0) {
		int step = MAX(nint, 1);
		e10 = (int)floor(log10(a));
		/* ##0.0E+0: an exponent in steps of the integer digits */
		e10 = nint > 1 && zeros < nint ? (int)floor((double)e10 / step) *
		    step : e10 - (nint > 0 ? nint - 1 : 0);
		a /= pow(10, e10);
	}
	decimal(a, nfrac, ip, fp);
	if (exp && ip->len > (gsize)MAX(nint, 1) && zeros >= nint) {
		/* rounding made 9.99 into 10.0: one more power of ten */
		a /= 10;
		e10++;
		decimal(a, nfrac, ip, fp);
	}
	while ((int)ip->len < zeros)
		g_string_prepend_c(ip, '0');
	if (group)
		for (int i = (int)ip->len - 3; i > 0; i -= 3)
			g_string_insert_c(ip, i, ',');
	/* trailing fraction zeros: # drops them, ? makes them spaces */
	{
		/* the fraction placeholders, in order */
		GString *pl = g_string_new(NULL);
		bool after_dot = false, after_exp = false;
		for (guint i = 0; i < toks->len; i++) {
			struct tok *t = &g_array_index(toks, struct tok, i);
			if (t->k == T_EXP)
				after_exp = true;
			else if (t->k == T_DOT)
				after_dot = true;
			else if (t->k == T_DIG && after_dot && !after_exp)
				g_string_append_c(pl, t->c);
		}
		for (int i = (int)fp->len - 1; i >= 0 && fp->str[i] == '0' &&
		    pl->str[i] != '0'; i--) {
			if (pl->str[i] == '#')
				g_string_truncate(fp, (gsize)i);
			else
				fp->str[i] = ' ';
		}
		g_string_free(pl, TRUE);
	}
	g_string_append(num, ip->str);
	if (dot)
		g_string_append_printf(num, ".%s", fp->str);
	if (exp) {
		g_string_append_printf(num, "E%s%0*d", e10 < 0 ? "-" :
		    plus ? "+" : "", nexp, abs(e10));
	}
	/* "-" only when something not zero shows */
	if (neg && strspn(num->str, "0.,E+- ") != num->len)
		g_string_append_c(out, '-');
	for (guint i = 0; i < toks->len; i++) {
		struct tok *t = &g_array_index(toks, struct tok, i);
		switch (t->k) {
		case T_LIT:
			g_string_append(out, t->s->str);
			break;
		case T_PCT:
			g_string_append_c(out, '%');
			break;
		case T_DIG:
		case T_DOT:
		case T_EXP:
			if (!placed)
				g_string_append(out, num->str);
			placed = true;
			break;
		case T_GEN: {
			GString *g = g_string_new(NULL);
			general(g, fabs(v));
			g_string_append(out, g->str);
			g_string_free(g, TRUE);
			break;
		}
		default:
			break;
		}
	}
	g_string_free(ip, TRUE);
	g_string_free(fp, TRUE);
	g_string_free(num, TRUE);
}

char *
numfmt_format(double v, const char *code, bool date1904)
{
	GString *out = g_string_new(NULL);
	GPtrArray *secs;
	GArray *toks;
	const char *sec;
	guint n;
	bool digits = false, gen = false, date;

	if (!isfinite(v))
		return g_strdup(isnan(v) ? "#NUM!" : "#DIV/0!");
	if (code == NULL || *code == '\0' ||
	    g_ascii_strcasecmp(code, "General") == 0) {
		general(out, v);
		return g_string_free(out, FALSE);
	}
	secs = sections(code);
	n = secs->len;
	/* positive;negative;zero;text */
	if (n >= 3 && v == 0)
		sec = secs->pdata[2];
	else if (n >= 2 && v < 0) {
		sec = secs->pdata[1];
		v = -v;		/* the section shows its own sign */
	} else
		sec = secs->pdata[0];
	toks = tokenize(sec);
	for (guint i = 0; i < toks->len; i++) {
		enum tk k = g_array_index(toks, struct tok, i).k;
		digits = digits || k == T_DIG;
		gen = gen || k == T_GEN;
	}
	date = is_date_section(toks);
	if (date) {
		if (!format_date(out, v, toks, date1904)) {
			g_string_truncate(out, 0);
			general(out, v);
		}
	} else if (digits || gen)
		format_number(out, v, toks);
	else {
		/* literals only ("-" for zero), or @ on a number: */
		bool at = false;
		for (guint i = 0; i < toks->len; i++) {
			struct tok *t = &g_array_index(toks, struct tok, i);
			if (t->k == T_LIT)
				g_string_append(out, t->s->str);
			else if (t->k == T_AT) {
				general(out, v);
				at = true;
			}
		}
		if (toks->len == 0 || (!at && out->len == 0 && n < 3))
			general(out, v);
	}
	g_array_free(toks, TRUE);
	g_ptr_array_free(secs, TRUE);
	return g_string_free(out, FALSE);
}
