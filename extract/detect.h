/*
 * What a file is, from its bytes, never its name: a download saved as
 * "附件1.doc" may be an HTML page, and a form named .xls a BIFF workbook,
 * an XLSX or HTML. Each reader then gets only what it can read.
 */
#ifndef SE_DETECT_H
#define SE_DETECT_H

#include <glib.h>

enum doc_format {
	FMT_TEXT,	/* anything else: the text reader decides */
	FMT_PDF,	/* %PDF- in the first KiB */
	FMT_IMAGE,	/* PNG, JPEG, TIFF, GIF, WebP, JPEG 2000, BMP: a scan,
			   read through OCR */
	FMT_HEIF,	/* a phone's HEIC or AVIF photo: not decoded */
	FMT_SVG,	/* an SVG drawing: no page image, not read */
	FMT_HTML,	/* markup near the start (after any BOM) */
	FMT_MHT,	/* a MIME archive of a web page (.mht, .mhtml) */
	FMT_DOCX,	/* OOXML zip with word/document.xml */
	FMT_XLSX,	/* OOXML zip with xl/workbook.xml */
	FMT_OOXML,	/* another OOXML package (pptx, ...) */
	FMT_ZIP,	/* another zip (an archive of files) */
	FMT_ODT,	/* OpenDocument text (its mimetype entry says so) */
	FMT_ODS,	/* OpenDocument spreadsheet */
	FMT_RTF,	/* {\rtf: Word's and WPS's rich text */
	FMT_XML_WORD,	/* Word 2003 XML (WordprocessingML) */
	FMT_XML_SHEET,	/* Excel 2003 XML (SpreadsheetML): what web systems
			   export as "报表.xls" when it is not HTML */
	FMT_DOC,	/* OLE2 compound file with a WordDocument stream */
	FMT_XLS,	/* OLE2 with a Workbook or Book stream (Excel, WPS .et) */
	FMT_OLE,	/* another OLE2 file (WPS .wps of old, .ppt, msg) */
	FMT_OOXML_ENCRYPTED, /* OLE2 with EncryptionInfo: a password-protected
			   DOCX or XLSX (the package is encrypted inside) */
};

enum doc_format detect_format(const char *data, gsize len);

/* "PDF", "Word document (DOCX)", ...: for messages. */
const char *detect_name(enum doc_format f);

#endif
