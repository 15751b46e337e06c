/**
 * Lexical cues that make a sentence look like a claim needing evidence (or not).
 *
 * Each cue is one readable pattern with a human reason. The cues are the explainable half of the
 * claim scorer: they feed the trained model as features (with `prior` as the hand-set starting
 * weight the training regularises towards), and they alone produce the reasons people see.
 */

export interface ClaimCue {
  /** Stable identifier, also the cue's feature name in the model weights. */
  readonly id: string;
  /** Hand-set log-odds contribution; training moves it only where the data disagrees. */
  readonly prior: number;
  readonly pattern: RegExp;
  /**
   * Optional cheap pre-checks, for speed only: the regex runs only when one of the `triggers` words
   * occurs in the sentence or `gate` passes. Together they must be a NECESSARY condition for `pattern`
   * to match, so the verdict is the same without them (a test checks this on real sentences).
   * `triggers`: space-separated lower-case ASCII words, each a whole run of [a-z0-9] in the
   * lower-cased sentence (what a regex `\bword\b` needs). `gate`: a test on the lower-cased and the
   * original sentence.
   */
  readonly triggers?: string;
  readonly gate?: (lower: string, text: string) => boolean;
  /** Reason shown to people, given the matched text. */
  reason(match: string): string;
}

/** A cue found in a sentence, with the text that triggered it. */
export interface CueMatch {
  readonly cue: ClaimCue;
  readonly match: string;
}

const quote = (s: string): string => `'${s.trim().replace(/\s+/g, ' ')}'`;

/** A person's family name as written in running text: Title case, letters, apostrophes, hyphens. */
const NAME = String.raw`[A-Z][a-z\p{Ll}][\p{L}'-]*`;

const DIGIT_OR_CURRENCY = /[\d$£€]/;
const DIGIT = /\d/;

const words = (list: string): string => list.trim().split(/\s+/).join('|');
/** The words as alternatives that match with a capital first letter too ('review' or 'Review'). */
const eitherCase = (list: string): string =>
  list.trim().split(/\s+/).map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`).join('|');

/** A number that is not a year or part of a name ('Covid-19'), or 'millions of' ('2,750', '1.6 billion', 'thousands of'). */
const COUNT = String.raw`(?:(?<![\w-])(?!(?:19|20)\d\d\b)\d[\d,.]*(?:\s?(?:million|billion|thousand))?\b|\b(?:millions|billions|thousands|hundreds) of\b)`;
/** Where in the world a count applies: 'across 109 countries', 'worldwide', 'in LMICs'. */
const SCOPE = String.raw`(?:\b(?:across|in|from) (?:over |more than |nearly |almost |some )?\d[\d,]* (?:countries|nations|states|regions|districts|provinces|counties)\b|\b(?:worldwide|globally|nationwide)\b|\b(?:around|across) the (?:world|globe|country|continent|region)\b|\bin (?:LMICs?|low- and middle-income countries|low-income countries|developing countries|sub-Saharan Africa|the Global South)\b)`;

/** The first and last three words of a long match ('2,750 articles published … across 109 countries'). */
const ends = (s: string): string => {
  const w = s.trim().split(/\s+/);
  return w.length <= 7 ? w.join(' ') : `${w.slice(0, 3).join(' ')} … ${w.slice(-3).join(' ')}`;
};

/** A group of people as the subject of a generalisation. */
const GROUP = String.raw`(?:many |most |some |few |poorer |marginalised |rural |young |older )?(?:teachers|learners|students|pupils|girls|boys|children|parents|caregivers|families|households|governments|policymakers|decision-makers|ministries|schools|countries|communities|educators|women|youth|adolescents)\b`;

/** Claim-like cues (positive prior). Order is the order reasons are listed in on ties. */
const POSITIVE: readonly ClaimCue[] = [
  {
    id: 'statistic',
    prior: 1.2,
    pattern: /(?:\d+(?:[.,]\d+)?|\b[a-z]+(?:-[a-z]+)?)\s?(?:%|per ?cent\b|percent\b|percentage points?\b)|\b(?:one|two|three|four) in (?:every|ten|five|four|three)\b|\b(?:half|a third|a quarter|a fifth|a tenth|one-third|one-quarter|one-fifth|two-thirds|three-quarters)(?: of| in) (?:every|all|the|\w+)\b|\b(?:one|two|three|four|five|\d+) out of (?:every )?(?:three|four|five|ten|\d+)\b|\b\d{1,4}:1\b/i,
    // Not 'one of the' or 'two of the modes': picking items out is not a proportion. A ratio to one
    // ('76:1 pupils per qualified teacher') is.
    triggers: 'one two three four five half third quarter thirds quarters fifth tenth out',
    gate: (lower) => lower.includes('%') || lower.includes('cent') || lower.includes(':1'),
    reason: (m) => `contains a statistic (${m.trim()})`,
  },
  {
    id: 'quantity',
    prior: 0.6,
    pattern: new RegExp(
      String.raw`\b\d[\d,.]*\s?(?:million|billion|thousand|hundred|` +
        words(`people children students learners teachers schools countries pupils girls boys women men
          households users articles studies papers respondents participants adults youth families years times fold`) +
        String.raw`)\b|[$£€]\s?\d[\d,.]*(?:\s?(?:million|billion|thousand|trillion|[mbk]n?)\b)?|\b(?:millions|billions|thousands|hundreds|tens of thousands|dozens) of\b|\b(?:doubled|tripled|halved)\b`,
      'i',
    ),
    triggers: 'millions billions thousands hundreds dozens doubled tripled halved',
    gate: (lower) => DIGIT_OR_CURRENCY.test(lower),
    reason: (m) => `contains a quantity (${quote(m)})`,
  },
  {
    id: 'scopedQuantity',
    prior: 0.6,
    // A count with a scope in the world ('2,750 articles … across 109 countries', '258 million children
    // worldwide', 'in LMICs'): a statistic about the world, whatever is counted — unlike the writer's
    // own tally ('25 academic articles') that has no such scope.
    pattern: new RegExp(String.raw`${COUNT}[^.;:!?]{0,100}?${SCOPE}|${SCOPE}[^.;:!?]{0,100}?${COUNT}`, 'i'),
    gate: (lower) => /\d|illions|thousands|hundreds/.test(lower) && /countr|nation|world|glob|lmic|income|africa|south|region|district|provinc|counties|states|contin/.test(lower),
    reason: (m) => `a quantity about the world (${quote(ends(m))})`,
  },
  {
    id: 'causal',
    prior: 0.8,
    pattern: new RegExp(
      String.raw`\b(?:lead|leads|led|leading) to\b|\b(?:results?|resulted|resulting) in\b(?! (?:a total of )?\d[\d,]* (?:papers|studies|articles|records|documents|sources|results)\b)|\b(?:cause[sd]?|causing)\b|\bbecause of\b|\bdue to\b|` +
        String.raw`\b(?:contributes?|contributed|contributing) to\b|\b(?:drives?|drove|driven) (?:by|the|up|down)\b|\bimpact(?:s|ed)? (?:on|of)\b|` +
        String.raw`\beffects? (?:on|of)\b|\b(?:improves?|improved|raises?|reduces?|reduced|enhances?|enhanced|hinders?|undermines?|boosts?|prevents?)\b|` +
        String.raw`\b(?:associated|correlated|linked) with\b|\bgives? rise to\b|\bresponsible for\b|\b(?:predicts?|predicted|predictors?) (?:of )?\b`,
      'i',
    ),
    triggers: 'lead leads led leading result results resulted resulting cause causes caused causing because due contribute contributes contributed contributing drive drives drove driven impact impacts impacted effect effects improve improves improved raise raises reduce reduces reduced enhance enhances enhanced hinder hinders undermine undermines boost boosts prevent prevents associated correlated linked give gives responsible predict predicts predicted predictor predictors',
    reason: (m) => `causal claim (${quote(m)})`,
  },
  {
    id: 'change',
    prior: 0.5,
    pattern: new RegExp(
      String.raw`\b(?:` +
        words(`increased increases increasing decreased decreases decreasing grew grown growing rose risen declined declining
          fell fallen dropped dropping expanded shrank surged plummeted widened narrowed`) +
        String.raw`)\b|\b(?:rise|growth|decline|increase|decrease|drop) in\b`,
      'i',
    ),
    triggers: 'increased increases increasing decreased decreases decreasing grew grown growing rose risen declined declining fell fallen dropped dropping expanded shrank surged plummeted widened narrowed rise growth decline increase decrease drop',
    reason: (m) => `describes a change (${quote(m)})`,
  },
  {
    id: 'comparison',
    prior: 0.6,
    pattern: new RegExp(
      String.raw`\b(?:more|less|fewer|better|worse|greater|higher|lower|larger|smaller|faster|slower|stronger|weaker|[a-z]{3,}er) (?:[a-z-]+ )?than\b|` +
        String.raw`\b(?:compared (?:to|with)|in comparison (?:to|with)|relative to|outperforms?|outperformed|superior to|inferior to|disproportionately|twice as|as (?:much|many|likely) as)\b`,
      'i',
    ),
    triggers: 'than compared comparison relative outperform outperforms outperformed superior inferior disproportionately twice much many likely',
    reason: (m) => `comparison (${quote(m)})`,
  },
  {
    id: 'superlative',
    prior: 0.4,
    pattern: /\b(?:the (?:most|least) [a-z-]+|the (?:largest|biggest|smallest|highest|lowest|best|worst|greatest|fastest|first|only|leading|main|primary)|most (?:widely|commonly|frequently|important|significant|effective|popular))\b/i,
    triggers: 'most least largest biggest smallest highest lowest best worst greatest fastest first only leading main primary',
    reason: (m) => `superlative (${quote(m)})`,
  },
  {
    id: 'generaliser',
    prior: 0.5,
    pattern: new RegExp(
      String.raw`\b(?:` +
        words(`most many all every majority minority several numerous often usually typically generally commonly widely
          frequently rarely always never increasingly traditionally largely mostly predominantly`) +
        String.raw`)\b|\ba (?:lot|range|variety|number) of\b|\bin general\b|\bit is (?:well )?known\b`,
      'i',
    ),
    triggers: 'most many all every majority minority several numerous often usually typically generally commonly widely frequently rarely always never increasingly traditionally largely mostly predominantly lot range variety number general known',
    reason: (m) => `generalisation (${quote(m)})`,
  },
  {
    id: 'attribution',
    prior: 1.6,
    pattern: new RegExp(
      String.raw`\b(?:research|studies|study|evidence|literature|data|analys[ie]s|surveys?|experiments|observations|findings|reports?|experts|scholars|researchers|authors|evaluations?|reviews?|trials|assessments?)` +
        String.raw` (?:\w+ ){0,3}(?:shows?|showed|shown|suggests?|suggested|finds?|found|indicates?|indicated|demonstrates?|demonstrated|reveals?|revealed|confirms?|confirmed|reports?|reported|argues?|argued|highlights?|highlighted|estimates?|estimated|points? to|pointed to)\b|` +
        String.raw`\baccording to\b|\b(?:it|this) (?:has|had|was) (?:\w+ )?(?:been )?(?:shown|suggested|reported|argued|demonstrated|proposed|observed|found|established|noted|recogni[sz]ed)\b|` +
        String.raw`\b(?:has|have) been (?:widely |extensively |previously )?(?:studied|investigated|reported|proposed|discussed|shown|observed|used|applied|explored)\b|` +
        String.raw`\b(?:previous|prior|earlier|recent|past|existing|related|other|many|several|numerous) (?:work|works|studies|research|literature|approaches|methods|papers|authors|efforts|investigations)\b|` +
        String.raw`\bwell[- ](?:known|established|documented)\b|\bwidely (?:believed|accepted|used|recognised|recognized|reported)\b|\bin the literature\b`,
      'i',
    ),
    triggers: 'research studies evidence literature data analyses survey surveys experiments observations findings report reports experts scholars researchers authors evaluations reviews trials according been shown suggested reported argued demonstrated proposed observed found established noted recognised recognized work works approaches methods papers efforts investigations well widely',
    reason: (m) => `attribution without a source (${quote(m)})`,
  },
  {
    id: 'assertedFact',
    prior: 0.8,
    // What the writer asserts as known ('We know that…', 'There is significant evidence that…'):
    // a reviewer asks how it is known.
    pattern: /\b(?:we (?:all )?know (?:that|how|what|this)\b|it (?:is|was) (?:clear|evident|apparent|widely known|well known|known|understood) (?:that|from)|it (?:is|was) (?:common|usual|rare) for|what is clear is|there is (?:\w+ ){0,2}evidence (?:that|of|on|for)|evidence (?:is|remains) (?:limited|scarce|thin|mixed|clear))\b/i,
    triggers: 'know clear evident apparent known understood common usual rare evidence',
    reason: (m) => `asserts something as known (${quote(m)})`,
  },
  {
    id: 'evidenceState',
    prior: 0.8,
    // What the literature does or does not show ('the evidence base on what works … is limited', 'a lack
    // of clear evidence', 'little evidence on'): a claim about the research, which a reviewer checks.
    pattern: /\bevidence(?: base)?\b[^.;:!?]{0,80}?\b(?:is|are|remains?) (?:still |very |often |relatively )?(?:limited|scarce|thin|mixed|weak|lacking|sparse|patchy|inconclusive|emerging|growing)\b|\b(?:lack|absence|dearth|paucity|shortage) of (?:\w+ ){0,2}(?:evidence|research|data)\b|\b(?:little|limited|scant|no|insufficient|growing|mixed) (?:\w+ )?evidence (?:on|of|that|about|for|base)\b|\bevidence gaps?\b|\b(?:in short supply)\b/i,
    triggers: 'evidence lack absence dearth paucity shortage research data supply',
    reason: (m) => `says what the evidence shows (${quote(ends(m))})`,
  },
  {
    id: 'promise',
    prior: 0.5,
    // A technology's promise stated as fact ('holds huge potential', 'have shown particular promise').
    pattern: /\b(?:holds?|offers?|has|have|shows?|showed|shown) (?:\w+ ){0,2}(?:potential|promise)\b|\b(?:huge|great|immense|enormous|significant|considerable|untapped|transformative) potential\b|\bpromising\b/i,
    triggers: 'potential promise promising',
    reason: (m) => `claims promise or potential (${quote(m)})`,
  },
  {
    id: 'namedAuthors',
    prior: 1.4,
    pattern: new RegExp(
      // 'X et al.'; 'by/of X and Y', 'X and Y showed'; 'the work of X'; "X's theorem". Names are Title case
      // (not acronyms), so 'TRXs and ROADMs' is not taken for authors.
      String.raw`\b${NAME} et\.? al\b|` +
        String.raw`\b(?:by|of|from|see|following|cf\.?) ${NAME}(?:, ${NAME})*,? (?:and|&) ${NAME}\b|` +
        String.raw`\b${NAME}(?:, ${NAME})*,? (?:and|&) ${NAME} (?:have |has |had )?(?:showed|shown|found|proposed|introduced|observed|argued|reported|demonstrated|suggested|studied|developed|noted|considered|derived|obtained|computed|measured)\b|` +
        // A name of several words is quoted whole: 'the work of EdTech Hub', not 'the work of EdTech'.
        String.raw`\bthe (?:work|works|study|model|method|approach|results?|analysis|framework|algorithm|theorem|conjecture|lemma|paper) of ${NAME}(?: [A-Z][\p{L}'-]*)*|` +
        String.raw`\b${NAME}'s (?:theorem|lemma|conjecture|model|method|approach|study|work|law|principle|inequality|formula|equation|framework)\b`,
      'u',
    ),
    gate: (_, text) => /et\.? al|(?:and|&) [A-Z]|of [A-Z]|'s [a-z]/.test(text),
    reason: (m) => `refers to others' work (${quote(m)})`,
  },
  {
    id: 'priorWork',
    prior: 0.6,
    // Wording that places the sentence in the literature: who proposed what, established names and methods.
    pattern:
      /\b(?:(?:proposed|introduced|developed|described|suggested|pioneered|studied|reported) by|so[- ]called|(?:known|referred to) as|(?:first|originally) (?:proposed|introduced|described|developed|studied)|state[- ]of[- ]the[- ]art|recent(?:ly)?|(?:has|have) been (?:\w+ )?(?:proposed|developed|introduced|applied|employed|adopted)|commonly (?:used|employed|adopted)|standard (?:approach|method|technique|model))\b/i,
    triggers: 'proposed introduced developed described suggested pioneered studied reported called known referred state recent recently been commonly standard',
    reason: (m) => `refers to earlier work (${quote(m)})`,
  },
  {
    id: 'citedWork',
    prior: 0.8,
    // Pointing at a publication ('in Ref. 12', 'Refs.', 'the original paper'): the sentence leans on a source.
    // Case matters: 'REF' in upper case is a cross-reference to the document's own figure or section.
    pattern: /\bRefs?\.|\bthe (?:original|seminal|pioneering) (?:paper|work|article|study)\b|\breferences therein\b/,
    triggers: 'ref refs original seminal pioneering references',
    reason: (m) => `points to a publication (${quote(m)})`,
  },
  {
    id: 'methodOrData',
    prior: 0.3,
    // In research writing, methods and data sets are usually someone else's and cited when named.
    pattern:
      /\b(?:approach(?:es)?|methods?|techniques?|algorithms?|frameworks?|architectures?|schemes?|datasets?|data sets?|benchmarks?|corpus|corpora|databases?)\b/i,
    triggers: 'approach approaches method methods technique techniques algorithm algorithms framework frameworks architecture architectures scheme schemes dataset datasets data benchmark benchmarks corpus corpora database databases',
    reason: (m) => `mentions a method or data set (${quote(m)})`,
  },
  {
    id: 'namedReport',
    prior: 0.9,
    pattern: new RegExp(
      String.raw`\b(?:[A-Z][\w-]*\s){1,5}(?:\d{4}\s)?(?:Report|Survey|Index|Review|Assessment|Census|Monitor|Atlas|Outlook|Yearbook|Study|Evaluation)\b|` +
        String.raw`\b[A-Z]{2,}[\w-]*\s(?:\d{4}\s)?(?:report|survey|index|review|assessment|census|study|evaluation)\b|` +
        String.raw`\b(?:World Bank|UNESCO|UNICEF|OECD|USAID|WHO|IMF|UNHCR|UNDP|ILO|DFID|FCDO|Gates Foundation|Brookings|J-PAL|Pew)\b`,
    ),
    reason: (m) => `names a report or organisation (${quote(m)})`,
  },
  {
    id: 'year',
    prior: 0.5,
    // 'in 2020', 'in August 2020', 'since early 2021'.
    pattern: /\b(?:in|since|by|from|until|between|of|during|as of|the|[Ii]n the) (?:(?:January|February|March|April|May|June|July|August|September|October|November|December|early|late|mid-?) )?(?:19|20)\d{2}\b(?![.,]\d)|\b(?:19|20)\d{2}s\b/,
    gate: (lower) => /(?:19|20)\d\d/.test(lower),
    reason: (m) => `mentions a year (${m.replace(/^\D+/, '')})`,
  },
  {
    id: 'namedTool',
    prior: 0.4,
    // CamelCase or mixed-case names (ResNet, SkyCalc, PredFL) are usually someone else's tool, model or data set.
    // Everyday mixed-case words of the field ('EdTech', 'eLearning') are excluded.
    pattern: /\b(?!(?:EdTech|eLearning|mLearning|iPhone|iPad|YouTube|WhatsApp|PhD|PhDs)\b)(?:[A-Z][a-z]+[A-Z][A-Za-z0-9]*|[a-z]+[A-Z][A-Za-z0-9]*|[A-Z]{2,}[a-z]{2,}[A-Za-z]*)\b/,
    gate: (_, text) => /[a-z][A-Z]|[A-Z][A-Z][a-z]/.test(text),
    reason: (m) => `names a specific tool, model or data set (${quote(m)})`,
  },
  {
    id: 'place',
    prior: 0.3,
    // A country or region: what is said about it (its schools, its teachers, its policies) can be checked.
    pattern: new RegExp(
      String.raw`\b(?:` +
        [
          'Afghanistan', 'Africa', 'Asia', 'Bangladesh', 'Benin', 'Brazil', 'Burkina Faso', 'Burundi', 'Cambodia', 'Cameroon', 'Chad', 'China',
          'Colombia', 'Congo', 'Ecuador', 'Egypt', 'Ethiopia', 'Europe', 'Ghana', 'Guatemala', 'Guinea', 'Haiti', 'India', 'Indonesia', 'Iraq',
          'Jordan', 'Kenya', 'Latin America', 'Lebanon', 'Liberia', 'Madagascar', 'Malawi', 'Mali', 'Mexico', 'Morocco', 'Mozambique', 'Myanmar',
          'Nepal', 'Niger', 'Nigeria', 'Pakistan', 'Peru', 'Philippines', 'Rwanda', 'Senegal', 'Sierra Leone', 'Somalia', 'South Africa',
          'South Sudan', 'Sri Lanka', 'Sudan', 'Syria', 'Tanzania', 'Uganda', 'Ukraine', 'Vietnam', 'Yemen', 'Zambia', 'Zimbabwe',
          'sub-Saharan', 'LMICs?', 'low- and middle-income countries', 'Global South',
        ].join('|') +
        String.raw`)\b`,
    ),
    // The first word of each name, lower-cased: the regex (sixty names) runs only when one occurs.
    triggers:
      'afghanistan africa asia bangladesh benin brazil burkina burundi cambodia cameroon chad china colombia congo ecuador egypt ethiopia europe ghana guatemala guinea haiti india indonesia iraq jordan kenya latin lebanon liberia madagascar malawi mali mexico morocco mozambique myanmar nepal niger nigeria pakistan peru philippines rwanda senegal sierra somalia south sri sudan syria tanzania uganda ukraine vietnam yemen zambia zimbabwe sub lmic lmics low global',
    reason: (m) => `about a country or region (${quote(m)})`,
  },
  {
    id: 'examples',
    prior: 0.3,
    pattern: /\b(?:such as|for example|for instance|including)\b|\be\.g\./i,
    triggers: 'such example instance including e',
    reason: (m) => `lists examples (${quote(m)})`,
  },
  {
    id: 'hedgedFinding',
    prior: 0.3,
    pattern: /\b(?:suggests? that|likely|appear(?:s|ed)? to|seem(?:s|ed)? to|tend(?:s|ed)? to|is thought to|are thought to|believed to|expected to|may be (?:due|caused|explained|responsible)|it is (?:possible|plausible) that|known to|proven to)\b/i,
    triggers: 'suggest suggests likely appear appears appeared seem seems seemed tend tends tended thought believed expected may possible plausible known proven',
    reason: (m) => `hedged finding (${quote(m)})`,
  },
  {
    id: 'possibleEffect',
    prior: 0.3,
    // A hedged effect ('radio instruction could also enhance teaching', 'can be a powerful tool'): the
    // guideline's hedged claim, which still claims an empirical possibility.
    pattern: /\b(?:can|could|may|might) (?:also |potentially |often |significantly |greatly |further )*(?:improve|enhance|raise|increase|reduce|boost|strengthen|widen|narrow|hinder|undermine|exacerbate|lead to|result in|help (?:to )?(?:improve|reduce|raise|increase|close|address)|be (?:a |an )?(?:powerful|effective|useful|valuable|key|important|critical|crucial|cost-effective))\b/i,
    triggers: 'can could may might',
    reason: (m) => `claims a possible effect (${quote(m)})`,
  },
  {
    id: 'trend',
    prior: 0.3,
    // What is happening now, as a trend ('Provinces are now tailoring…', 'AI is becoming a valuable tool'):
    // a checkable claim about the world, unless the writer is describing their own work.
    pattern: /\b(?:is|are) (?:now |increasingly |rapidly |quickly |already |still )?(?:becoming|emerging|shifting|reshaping|transforming|tailoring|adopting|moving|turning|leaning|helping|driving|struggling|facing|experiencing)\b/i,
    triggers: 'is are',
    reason: (m) => `describes a trend (${quote(m)})`,
  },
  {
    id: 'aboutPeople',
    prior: 0.3,
    // A generalisation about a group ('Caregivers are key gatekeepers…', 'Many teachers lack…'): the
    // group is the subject, in the present tense.
    pattern: new RegExp(
      String.raw`^(?:(?:In|Across|For|Globally|Today|Yet|However|But|Still),? (?:[^,]{1,40}, )?)?` + GROUP + String.raw`(?: [\w-]+){0,3}? (?:are|have|face|lack|need|struggle|tend|remain|spend|benefit|rely|prefer|cannot|can't|do not|don't|often|rarely|still)\b`,
      'i',
    ),
    triggers: 'teachers learners students pupils girls boys children parents caregivers families households governments policymakers decision makers ministries schools countries communities educators women youth adolescents',
    reason: (m) => `generalises about people (${quote(m.slice(m.search(new RegExp(GROUP, 'i'))))})`,
  },
  {
    id: 'properNoun',
    prior: 0.2,
    // A Title-case word in mid-sentence (after a lower-case word or a comma): names, places, systems.
    // Capitalised function words and the document's own parts (Figure, Table…) are not names.
    pattern: /(?<=[a-z,;] )(?!(?:EdTech|Hub|I|The|A|An|This|These|That|Those|It|In|On|For|Fig|Figs|Figure|Figures|Table|Tables|Section|Sections|Sec|Eq|Eqs|Equation|Ref|Refs|Appendix|Theorem|Lemma|Proposition|Corollary|Definition|Chapter)\b)(?:[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)\b/,
    gate: (_, text) => /[a-z,;] [A-Z]/.test(text),
    reason: (m) => `names something specific (${quote(m)})`,
  },
];

/** Cues that make a sentence look like the writer's own work, structure or navigation (negative prior). */
const NEGATIVE: readonly ClaimCue[] = [
  {
    id: 'firstPerson',
    prior: -0.8,
    // Case-sensitive 'I' so that 'i.e.' does not count; 'US' (the country) is not 'us'. The 'we' of
    // 'We know that…' asserts something about the world (assertedFact), not the writer's own work.
    pattern: /\b(?:[Ww]e(?! (?:all )?know (?:that|this|how|what)\b)|[Oo]urs?|[Uu]s|I|[Mm]y)\b(?!\.)/,
    reason: (m) => `describes the writer's own work (${quote(m)})`,
  },
  {
    id: 'selfReference',
    prior: -0.9,
    // Case-sensitive, so that the upper-case cross-reference 'REF' is told apart from 'Ref.' (a publication).
    // 'This Rapid Evidence Review (RER)', 'this working paper', 'these posts': up to three names or
    // describing words between.
    pattern: new RegExp(
      String.raw`\b(?:(?:[Tt]his|[Tt]hese|[Tt]he present|[Tt]he current) (?:(?:[A-Z][\w-]*|working|short|new|first|second|third|final|latest|rapid|full|long-form|policy|research|evidence|learning) (?:\([A-Z]+\) )?){0,3}?(?:` +
        eitherCase('paper papers article work study section chapter blog blogs report thesis note post posts review brief guide series toolkit page piece summary edition newsletter list') +
        String.raw`)|(?:[Ff]ig(?:ure)?s?|FIG|[Tt]ables?|[Ss]ections?|[Ss]ec|[Ee]qs?|[Ee]quations?|[Aa]ppendix|[Tt]heorem|[Ll]emma|[Cc]orollary|[Pp]roposition|[Dd]efinition|[Aa]lgorithm|[Cc]hapter)\.?\s?(?:REF|\d)|\bREF\b|(?:[Ss]ee|shown|described|discussed|mentioned|defined|given|listed) (?:above|below)|[Aa]s follows|[Tt]he following)\b`,
    ),
    triggers: 'paper papers article work study section chapter blog blogs report thesis note post posts review brief guide series toolkit page piece summary edition newsletter list ref above below follows following',
    gate: (lower) => DIGIT.test(lower) || lower.includes('ref'),
    reason: (m) => `refers to the document itself (${quote(m)})`,
  },
  {
    id: 'instruction',
    prior: -0.6,
    pattern: /^(?:let|consider|note|recall|suppose|assume|define|denote|see|click|read|download|subscribe|sign up|get|join|contact|follow|find out|learn more|do get|connect)\b|\b(?:let us|we now|in what follows)\b/i,
    triggers: 'let consider note recall suppose assume define denote see click read download subscribe sign get join contact follow find learn do connect now follows',
    reason: (m) => `instruction or navigation (${quote(m)})`,
  },
  {
    id: 'ownMethod',
    prior: -0.3,
    // A study's own procedure told in the passive ('Interviews were conducted', '78 papers were
    // screened'): the writer's own activity, unless the sentence names someone else's study.
    // A review's own tally counts too ('resulting in 78 papers', '19 papers … were added').
    pattern: /\b(?:was|were) (?:then |also |first |later |randomly )?(?:conducted|adopted|interviewed|screened|included|excluded|selected|collected|recruited|surveyed|piloted|co-designed|administered|coded|transcribed|read in full|carried out|added|randomi[sz]ed|assigned|sampled|searched|retrieved|shortlisted|extracted)\b|\bresulting in (?:a (?:total|final (?:set|sample)) of )?\d[\d,]* (?:papers|studies|articles|records|documents|sources|results)\b/i,
    triggers: 'was were resulting',
    reason: (m) => `the writer's own method (${quote(m)})`,
  },
  {
    id: 'ownAim',
    prior: -0.6,
    // The writer's aims, plans and commitments, framed as such: "we will", "our approach", "aims to".
    pattern:
      /\b(?:(?:we|I) (?:will|would like to|aim|hope|want|plan|intend|seek|strive|are (?:committed|working|pleased|delighted|glad|excited|proud))|(?:our|my) (?:aims?|goals?|mission|vision|ambition|approach|focus|priority|priorities|hope|plans?)|(?:aims?|strives?|seeks?|intends?|plans?) to|(?:is|are) committed to|(?:is|are) (?:pleased|delighted|proud) to)\b/i,
    triggers: 'will would aim aims hope want plan plans intend intends seek seeks strive strives committed working pleased delighted glad excited proud goal goals mission vision ambition approach focus priority priorities',
    reason: (m) => `the writer's own aim or plan (${quote(m)})`,
  },
  {
    id: 'plan',
    prior: -0.4,
    // What someone will do ('The Helpdesk will prioritise requests…', 'The dashboard will be implemented
    // in 13 countries'): a plan or announcement, rarely a claim (2 of 28 such Hub sentences need evidence).
    pattern: /\b(?:will|shall) (?:be |also |now |soon |then |continue to |start |begin )*(?!likely\b|need\b|probably\b)[a-z]+\b/i,
    triggers: 'will shall',
    reason: (m) => `a plan or announcement (${quote(m)})`,
  },
  {
    id: 'question',
    prior: -0.8,
    pattern: /\?\s*$/,
    reason: () => 'a question, not an assertion',
  },
  {
    id: 'acknowledgement',
    prior: -1.5,
    pattern: /\b(?:we (?:thank|acknowledge|are grateful)|is (?:supported|funded) by|was (?:supported|funded) by|grant (?:no|number|agreement)|acknowledg(?:e|es|ed|ment|ments)|copyright|all rights reserved|licen[cs]e|do(?:es)? not necessarily reflect|views expressed|disclaimer)\b/i,
    triggers: 'thank acknowledge grateful supported funded grant acknowledges acknowledged acknowledgment acknowledgments copyright rights licence license necessarily expressed disclaimer',
    reason: (m) => `acknowledgement or boilerplate (${quote(m)})`,
  },
  {
    id: 'mathematics',
    prior: -0.4,
    pattern: /[=<>≤≥∑∫]|\b(?:iff|holds for|for all [a-z]\b|where [a-zA-Z] (?:is|denotes))\b/,
    reason: () => 'mathematical statement',
  },
];

export const CLAIM_CUES: readonly ClaimCue[] = [...POSITIVE, ...NEGATIVE];

/** All cues that fire on `text`, each with the first text that triggered it, in CLAIM_CUES order. */
/** Trigger word → bit set of the indices (in CLAIM_CUES) of the cues it may trigger. */
const TRIGGER_BITS = new Map<string, number>();
CLAIM_CUES.forEach((cue, i) => {
  for (const w of cue.triggers?.split(' ') ?? []) TRIGGER_BITS.set(w, (TRIGGER_BITS.get(w) ?? 0) | (1 << i));
});

const isAsciiWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * Bit set of the cues whose trigger words occur in `lower` as whole runs of [a-z0-9] (which is what
 * a regex `\bword\b` needs). Only runs of a trigger's length are looked up, so few strings are made.
 */
function triggeredCues(lower: string): number {
  let bits = 0;
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const inWord = i < lower.length && isAsciiWordChar(lower.charCodeAt(i));
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const len = i - start;
      if (len <= MAX_TRIGGER_LENGTH) bits |= TRIGGER_BITS.get(lower.slice(start, i)) ?? 0;
      start = -1;
    }
  }
  return bits;
}
const MAX_TRIGGER_LENGTH = Math.max(...[...TRIGGER_BITS.keys()].map((w) => w.length));

export function detectCues(text: string, lower = text.toLowerCase()): CueMatch[] {
  const found: CueMatch[] = [];
  const triggered = triggeredCues(lower);
  for (let i = 0; i < CLAIM_CUES.length; i++) {
    const cue = CLAIM_CUES[i];
    if (
      (cue.triggers !== undefined || cue.gate !== undefined) &&
      !(triggered & (1 << i)) &&
      !(cue.gate !== undefined && cue.gate(lower, text))
    ) continue;
    const m = cue.pattern.exec(text);
    if (m) found.push({ cue, match: m[0] });
  }
  return found;
}
