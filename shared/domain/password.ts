// A staff password's length, counted in code points: the schema checks it and the forms say it before sending.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
