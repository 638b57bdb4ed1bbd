// A form's rules, with the messages the schemas give (shared/domain/fields.ts): the clerk reads the same words
// before sending as main would answer after.
import { chooseMessage, type Field, fillMessage, requiredMessage } from '../../shared/domain/fields';

/** A field both a schema and this form require: the schema's own message. */
export const required = (f: Field) => [{ required: true, message: requiredMessage(f) }];
/** A typed field the form requires: 请填写<label>. */
export const fill = (label: string) => [{ required: true, message: fillMessage(label) }];
/** A date, month or choice the form requires: 请选择<label>. */
export const choose = (label: string) => [{ required: true, message: chooseMessage(label) }];
