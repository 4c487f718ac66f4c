import { shared } from './generated';

const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** EventStoreDB parses event ids as Guids: anything else is refused, and reads return the canonical lower case. */
export function parseUuid(uuid: shared.UUID | undefined): string {
  if (uuid === undefined) throw new Error('event without an id');
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const hex = [structured.getMostSignificantBits(), structured.getLeastSignificantBits()]
      .map((bits) => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0'))
      .join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const text = uuid.getString();
  if (!UUID_FORMAT.test(text)) throw new Error(`invalid event id ${JSON.stringify(text)}`);
  return text.toLowerCase();
}

/** The reader chooses the id representation (ReadReq.Options.uuid_option). */
export function toGrpcUuid(id: string, structured: boolean): shared.UUID {
  const uuid = new shared.UUID();
  if (!structured) return uuid.setString(id);
  const hex = id.replace(/-/g, '');
  const bits = (part: string): string => BigInt.asIntN(64, BigInt(`0x${part}`)).toString(10);
  return uuid.setStructured(
    new shared.UUID.Structured().setMostSignificantBits(bits(hex.slice(0, 16))).setLeastSignificantBits(bits(hex.slice(16))),
  );
}
