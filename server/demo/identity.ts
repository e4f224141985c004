import type { Random } from "./random";

/** 河津市's administrative division code: the first six characters of a resident's ID number. */
const hejinAreaCode = "140882";

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckCharacters = "10X98765432";

/** The 18th character of a mainland resident ID number (GB 11643, ISO 7064 MOD 11-2). */
function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (const [index, weight] of idWeights.entries()) sum += Number(first17.charAt(index)) * weight;
  return idCheckCharacters.charAt(sum % 11);
}

const mobilePrefixes = [
  "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
  "150", "151", "152", "153", "155", "156", "157", "158", "159",
  "180", "181", "182", "183", "185", "186", "187", "188", "189",
];

/**
 * Hands out ID numbers and mobile numbers that are unique within the demo city, as real ones are,
 * so that a search or an import check on them finds one person.
 */
export class IdentityIssuer {
  private readonly idNumbers = new Set<string>();
  private readonly phones = new Set<string>();

  constructor(private readonly random: Random) {}

  /** Birth date "YYYY-MM-DD"; the sequence's last digit is odd for men and even for women, as on real cards. */
  idNumber(birthDate: string, gender: "M" | "F"): string {
    const birth = birthDate.replaceAll("-", "");
    for (;;) {
      const sequence = this.random.int(0, 499) * 2 + (gender === "M" ? 1 : 0);
      const first17 = `${hejinAreaCode}${birth}${String(sequence).padStart(3, "0")}`;
      const idNumber = first17 + idCheckCharacter(first17);
      if (!this.idNumbers.has(idNumber)) {
        this.idNumbers.add(idNumber);
        return idNumber;
      }
    }
  }

  phone(): string {
    for (;;) {
      const phone = this.random.pick(mobilePrefixes) + String(this.random.int(0, 99_999_999)).padStart(8, "0");
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }
}
