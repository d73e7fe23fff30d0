/** A `tel:` address for a phone number as typed ("+40 (744) 123-456" → "tel:+40744123456"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}
