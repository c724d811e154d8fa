import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvDocument, csvField, csvRecord } from "./csv";

/** A minimal RFC 4180 reader, to check that what we write reads back as written. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  return records;
}

describe("csv", () => {
  it("quotes only fields with commas, quotes or line breaks, doubling quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r\nlf")).toBe('"cr\r\nlf"');
    expect(csvField("")).toBe("");
    expect(csvField(12)).toBe("12");
  });

  it("writes Chinese names as they are", () => {
    expect(csvRecord(["郑家村 王建国家", "木耳，干货", "120.50"])).toBe("郑家村 王建国家,木耳，干货,120.50\r\n");
    expect(csvRecord(["王家, 二组", "“好”"])).toBe('"王家, 二组",“好”\r\n');
  });

  it("keeps amounts but defuses text a spreadsheet would run as a formula", () => {
    expect(csvField("-12.30")).toBe("-12.30");
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("+86 138")).toBe("'+86 138");
    expect(csvField("@sum")).toBe("'@sum");
  });

  it("starts a document with a BOM and ends every record with CRLF", () => {
    const doc = csvDocument(["household", "orders", "net_income"], [["王家", 3, "12.00"]]);
    expect(doc).toBe("\uFEFFhousehold,orders,net_income\r\n王家,3,12.00\r\n");
  });

  it("reads back exactly what was written, whatever the text", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "王", ",", '"', "\n", "\r", " ", "1", "，") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map(csvRecord).join("");
        // a leading CR is the one formula character in the alphabet: it reads back prefixed
        expect(parseCsv(text)).toEqual(rows.map((r) => r.map((c) => (c.startsWith("\r") ? `'${c}` : c))));
      }),
    );
  });
});
